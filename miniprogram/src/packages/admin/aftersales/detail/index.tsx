import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { AdminAftersaleDetail } from '@mall/contract'
import { useCallback, useState } from 'react'
import { call } from '../../../../api'
import { formatPrice } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import { Button, Cell, Screen, confirm, toast } from '../../../../ui'
import { timeLeft } from '../../../aftersale/shared/due'
import { AftersaleLines } from '../../../aftersale/shared/Lines'
import { PhotoGrid } from '../../../aftersale/shared/Photos'
import { Stars } from '../../../aftersale/shared/Stars'
import { CHANNEL, REFUND_STATUS, statusTone } from '../../../aftersale/shared/status'
import { AftersaleTimeline } from '../../../aftersale/shared/Timeline'
import { LoadState } from '../../shared/LoadState'
import { toastError, useLoad } from '../../shared/load'
import { ApproveForm } from './ApproveForm'
import { ReceiveForm } from './ReceiveForm'
import { RejectForm } from './RejectForm'
import '../../../aftersale/shared/aftersale.css'
import './index.css'

const METHOD = { wechat: '微信支付', balance: '余额支付' } as const

export default function AdminAftersaleDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { load, reload, setData } = useLoad(
    useCallback(() => call('admin.aftersales.detail', { aftersaleId: id }), [id]),
  )
  const [form, setForm] = useState<'approve' | 'reject' | null>(null)
  const [busy, setBusy] = useState(false)

  if (load.state !== 'ready') {
    return (
      <Screen className="as-page">
        <LoadState load={load} rows={8} onRetry={() => void reload()} />
      </Screen>
    )
  }

  const view = load.data
  const { order } = view
  const done = (next: AdminAftersaleDetail, message: string) => {
    setForm(null)
    setData(next)
    toast(message, 'success')
  }
  // refund-only needs no address: approving refunds at once, so ask first
  const approveRefund = async () => {
    if (busy) return
    const to = order.paymentMethod ? `，原路退回${METHOD[order.paymentMethod]}` : ''
    if (!(await confirm({ message: `同意后将立即退款 ${formatPrice(view.amount)}${to}，确定同意吗？` })))
      return
    setBusy(true)
    try {
      done(await call('admin.aftersales.approve', { aftersaleId: id }), '已同意，退款处理中')
    } catch (e) {
      toastError(e)
      void reload()
    } finally {
      setBusy(false)
    }
  }
  const reviewing = view.status === 'requested'

  return (
    <Screen className="as-page admin-as-detail">
      <View className={`as-banner as-banner--${statusTone(view.status)}`}>
        <Text className="as-banner__status">
          {view.typeLabel} · {view.statusLabel}
        </Text>
        {view.dueLabel ? (
          <View className="as-banner__due">
            {view.dueLabel}
            {view.dueAt !== null ? ` · ${timeLeft(view.dueAt)}` : ''}
          </View>
        ) : null}
        {view.rejectReason ? <View className="as-banner__due">拒绝原因：{view.rejectReason}</View> : null}
      </View>
      {/* the merchant's next step comes first */}
      {view.status === 'returning' ? (
        <ReceiveForm view={view} onDone={(v) => done(v, '已确认收货，退款处理中')} />
      ) : null}
      <View className="as-block as-block--flush">
        <Cell title="售后单号" value={view.aftersaleNo} />
        <Cell title="订单编号" value={order.orderNo} />
        <Cell title="订单状态" value={order.statusLabel} />
        <Cell title="实付金额" value={formatPrice(order.totals.payable)} />
        <Cell title="支付方式" value={order.paymentMethod ? METHOD[order.paymentMethod] : '未支付'} />
        <Cell title="发货" value={order.shippedAt ? `已发货 ${formatTime(order.shippedAt)}` : '未发货'} />
      </View>
      <AftersaleLines lines={view.lines} />
      <View className="as-block as-block--flush">
        <Cell
          title="退款金额"
          value={`${formatPrice(view.amount)}${view.amount < view.maxAmount ? `（可退 ${formatPrice(view.maxAmount)}）` : ''}${view.includesShipping ? ' 含运费' : ''}`}
        />
        {view.refund ? (
          <Cell
            title="退款状态"
            value={`${REFUND_STATUS[view.refund.status] ?? '退款处理中'} · ${CHANNEL[view.refund.channel]}`}
          />
        ) : null}
        <Cell title="申请原因" value={view.reason} />
        <Cell title="申请时间" value={formatTime(view.createdAt)} />
      </View>
      <View className="as-block">
        <View className="as-block__title">问题描述</View>
        <View className="as-detail__desc">{view.description || '买家未填写描述'}</View>
        <PhotoGrid photos={view.photos} hidden={view.hiddenPhotos} />
      </View>
      {view.returnAddress ? (
        <View className="as-block">
          <View className="as-block__title">退货地址</View>
          <View className="as-detail__desc">
            {view.returnAddress.name} {view.returnAddress.phone}
          </View>
          <View className="as-detail__desc">{view.returnAddress.address}</View>
        </View>
      ) : null}
      {view.returnShipment ? (
        <View className="as-block as-block--flush">
          <Cell title="退货物流" value={view.returnShipment.carrier} />
          <Cell title="运单号" value={view.returnShipment.trackingNo} />
          <Cell title="寄出时间" value={formatTime(view.returnShipment.at)} />
        </View>
      ) : null}
      {view.rating ? (
        <View className="as-block">
          <View className="as-block__title">买家服务评价</View>
          <Stars value={view.rating.score} />
          {view.rating.comment ? <View className="as-detail__desc">{view.rating.comment}</View> : null}
        </View>
      ) : null}
      <AftersaleTimeline entries={view.timeline} />
      {reviewing ? (
        <>
          <View className="as-spacer" />
          <View className="as-actions">
            <Button round size="small" disabled={busy} onClick={() => setForm('reject')}>
              拒绝
            </Button>
            <Button
              type="danger"
              round
              size="small"
              loading={busy}
              onClick={() => (view.type === 'returnAndRefund' ? setForm('approve') : void approveRefund())}
            >
              {view.type === 'returnAndRefund' ? '同意退货' : '同意退款'}
            </Button>
          </View>
        </>
      ) : null}
      {form === 'approve' ? (
        <ApproveForm id={id} onClose={() => setForm(null)} onDone={(v) => done(v, '已同意，等待买家寄回')} />
      ) : null}
      {form === 'reject' ? (
        <RejectForm id={id} onClose={() => setForm(null)} onDone={(v) => done(v, '已拒绝')} />
      ) : null}
    </Screen>
  )
}
