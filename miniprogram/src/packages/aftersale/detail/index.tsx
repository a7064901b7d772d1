import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { AftersaleStatus, AftersaleView } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { orderDetailPath } from '../../../components/order/paths'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Button, Cell, Empty, Screen, Skeleton, confirm, toast } from '../../../ui'
import { usePoll } from '../../order/detail/usePoll'
import { timeLeft } from '../shared/due'
import { AftersaleLines } from '../shared/Lines'
import { PhotoGrid } from '../shared/Photos'
import { Stars } from '../shared/Stars'
import { CHANNEL, REFUND_STATUS, statusTone } from '../shared/status'
import { AftersaleTimeline } from '../shared/Timeline'
import { RateForm } from './RateForm'
import { ReturnAddressCard } from './ReturnAddress'
import { ShipBackForm } from './ShipBackForm'
import '../shared/aftersale.css'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; view: AftersaleView }

const FINAL: AftersaleStatus[] = ['refunded', 'rejected', 'closed']
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export default function AftersaleDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [acting, setActing] = useState(false)
  const seen = useRef<number | null>(null)

  const show = useCallback((view: AftersaleView) => {
    seen.current = view.updatedAt
    setLoad({ state: 'ready', view })
  }, [])
  const fetchDetail = useCallback(async () => {
    try {
      show(await call('aftersale.detail', { aftersaleId: id }))
    } catch (e) {
      setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'error', error: asApiError(e) }))
    }
  }, [id, show])
  useEffect(() => {
    void fetchDetail()
  }, [fetchDetail])

  // the merchant and the clock move the request; re-render only when it changed
  const status = load.state === 'ready' ? load.view.status : null
  const waitingRating = load.state === 'ready' && load.view.can.rate
  usePoll(status !== null && !FINAL.includes(status) && !waitingRating, async () => {
    try {
      const view = await call('aftersale.detail', { aftersaleId: id })
      if (view.updatedAt !== seen.current) show(view)
    } catch {
      // a missed poll is retried by the next tick
    }
  })

  if (load.state === 'loading') {
    return (
      <Screen className="as-page">
        <Skeleton loading rows={8} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="as-page">
        <Empty image="error" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchDetail()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }

  const { view } = load
  const cancel = async () => {
    if (acting || !(await confirm({ message: '确定撤销这个售后申请吗？撤销后商品仍可再次申请。' }))) return
    setActing(true)
    try {
      show(await call('aftersale.cancel', { aftersaleId: id }))
      toast('已撤销申请', 'success')
    } catch (e) {
      toast(asApiError(e).message)
      void fetchDetail()
    } finally {
      setActing(false)
    }
  }

  return (
    <Screen className="as-page as-detail">
      <View className={`as-banner as-banner--${statusTone(view.status)}`}>
        <Text className="as-banner__status">{view.statusLabel}</Text>
        {view.dueLabel ? (
          <View className="as-banner__due">
            {view.dueLabel}
            {view.dueAt !== null ? ` · ${timeLeft(view.dueAt)}` : ''}
          </View>
        ) : null}
        {view.status === 'rejected' && view.rejectReason ? (
          <View className="as-detail__reject">拒绝原因：{view.rejectReason}</View>
        ) : null}
      </View>
      {view.status === 'awaitingReturn' && view.returnAddress ? (
        <ReturnAddressCard address={view.returnAddress} />
      ) : null}
      {view.can.shipBack ? (
        <ShipBackForm id={id} onDone={(v) => (show(v), toast('已提交运单号', 'success'))} />
      ) : null}
      {view.returnShipment ? (
        <View className="as-block as-block--flush">
          <Cell title="退货物流" value={view.returnShipment.carrier} />
          <Cell title="运单号" value={view.returnShipment.trackingNo} />
          <Cell title="寄出时间" value={formatTime(view.returnShipment.at)} />
        </View>
      ) : null}
      {view.can.rate ? (
        <RateForm id={id} onDone={(v) => (show(v), toast('感谢您的评价', 'success'))} />
      ) : null}
      {view.rating ? (
        <View className="as-block">
          <View className="as-block__title">我的服务评价</View>
          <Stars value={view.rating.score} />
          {view.rating.comment ? (
            <View className="as-detail__rating-comment">{view.rating.comment}</View>
          ) : null}
        </View>
      ) : null}
      <AftersaleLines lines={view.lines} />
      <View className="as-block as-block--flush">
        <Cell title="售后类型" value={view.typeLabel} />
        <Cell
          title="退款金额"
          value={`${formatPrice(view.amount)}${view.includesShipping && view.amount === view.maxAmount ? '（含运费）' : ''}`}
        />
        {view.refund ? (
          <Cell
            title="退款状态"
            value={`${REFUND_STATUS[view.refund.status] ?? '退款处理中'} · ${CHANNEL[view.refund.channel]}`}
          />
        ) : null}
        <Cell title="申请原因" value={view.reason} />
        <Cell title="售后单号" value={view.aftersaleNo} />
        <Cell title="申请时间" value={formatTime(view.createdAt)} />
        <Cell
          title="关联订单"
          value={view.orderNo}
          isLink
          onClick={() => openPath(orderDetailPath(view.orderId))}
        />
      </View>
      {view.description || view.photos.length > 0 ? (
        <View className="as-block">
          <View className="as-block__title">问题描述</View>
          {view.description ? <View className="as-detail__desc">{view.description}</View> : null}
          <PhotoGrid photos={view.photos} />
        </View>
      ) : null}
      <AftersaleTimeline entries={view.timeline} />
      {view.can.cancel ? (
        <>
          <View className="as-spacer" />
          <View className="as-actions">
            <Button round size="small" disabled={acting} onClick={() => void cancel()}>
              撤销申请
            </Button>
          </View>
        </>
      ) : null}
    </Screen>
  )
}
