import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { AddressCard } from '../../../components/order/AddressCard'
import { Breakdown } from '../../../components/order/Breakdown'
import { OrderLines } from '../../../components/order/OrderLines'
import { PaySheet } from '../../../components/order/PaySheet'
import { checkoutPath } from '../../../components/order/paths'
import type { OrderDetail, OrderStatus } from '../../../components/order/types'
import { openPath } from '../../../lib/nav'
import { requirePrivacy } from '../../../stores/privacy'
import { Button, Cell, CountDown, Empty, Screen, Skeleton, confirm, toast } from '../../../ui'
import { formatTime } from '../../../lib/time'
import { aftersaleApplyPath, reviewPath } from '../../aftersale/shared/paths'
import { AftersaleSection } from './AftersaleSection'
import { usePoll } from './usePoll'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; order: OrderDetail }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
const FINAL: OrderStatus[] = ['completed', 'cancelled', 'closed', 'refunded']
const METHOD = { wechat: '微信支付', balance: '余额支付' } as const

/** A number the shopper copies onto a courier's or the service desk's form. */
function CopyCell({ title, value }: { title: string; value: string }) {
  return (
    <View className="copy-cell" onClick={() => void copy(value, title)}>
      <Text className="copy-cell__title">{title}</Text>
      <Text className="copy-cell__value">{value}</Text>
      <Text className="copy-cell__action">复制</Text>
    </View>
  )
}

// the clipboard is a privacy API: never before consent
async function copy(text: string, what: string): Promise<void> {
  if (!(await requirePrivacy())) return
  try {
    await Taro.setClipboardData({ data: text })
    toast(`${what}已复制`, 'success')
  } catch {
    toast('复制失败，请长按选择文字')
  }
}

/** h5: the emulator cashier came back with ?payResult=...; read it once and drop it from the address. */
function takePayResult(): string | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  const search = new URLSearchParams(window.location.search)
  const result = search.get('payResult')
  if (!result) return null
  search.delete('payResult')
  const rest = search.toString()
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
  )
  return result
}

export default function OrderDetailPage() {
  const { params } = useRouter()
  const orderId = params.id ?? ''
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [paying, setPaying] = useState(false)
  const [acting, setActing] = useState(false)
  const seen = useRef<{ status: OrderStatus; version: number | null } | null>(null)

  const fetchDetail = useCallback(async () => {
    try {
      const order = await call('order.detail', { orderId })
      seen.current = { status: order.status, version: seen.current?.version ?? null }
      setLoad({ state: 'ready', order })
    } catch (e) {
      setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'error', error: asApiError(e) }))
    }
  }, [orderId])

  useEffect(() => {
    const payResult = takePayResult()
    if (!payResult) return void fetchDetail()
    // never trust the redirect: ask the server, which asks WeChat
    void call('pay.query', { orderId })
      .then((q) => toast(q.paid ? '支付成功' : payResult === 'cancel' ? '已取消支付' : '支付未完成'))
      .catch((e: unknown) => toast(asApiError(e).message))
      .finally(() => void fetchDetail())
  }, [fetchDetail, orderId])

  // back from an after-sales or review page: lines and buttons may have changed
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void fetchDetail()
  })

  // a cheap status poll; the detail is re-read only when the order moved
  const status = load.state === 'ready' ? load.order.status : null
  usePoll(status !== null && !FINAL.includes(status), async () => {
    try {
      const poll = await call('order.status', { orderId })
      const before = seen.current
      seen.current = { status: poll.status, version: poll.version }
      const moved =
        !before ||
        before.status !== poll.status ||
        (before.version !== null && before.version !== poll.version)
      if (moved) await fetchDetail()
    } catch {
      // a missed poll is retried by the next tick
    }
  })

  if (load.state === 'loading') {
    return (
      <Screen className="order-detail">
        <Skeleton loading rows={8} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="order-detail">
        <Empty image="error" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchDetail()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }

  const { order } = load
  const act = async (question: string, run: () => Promise<OrderDetail>, done: string) => {
    if (acting || !(await confirm({ message: question }))) return
    setActing(true)
    try {
      const next = await run()
      setLoad({ state: 'ready', order: next })
      toast(done, 'success')
    } catch (e) {
      toast(asApiError(e).message)
      void fetchDetail()
    } finally {
      setActing(false)
    }
  }
  const left = order.expireAt !== null ? order.expireAt - Date.now() : 0

  return (
    <Screen className="order-detail">
      <View className={`order-detail__head order-detail__head--${order.status}`}>
        <Text className="order-detail__status">{order.statusLabel}</Text>
        {order.status === 'awaitingPayment' && order.expireAt !== null && left > 0 ? (
          <View className="order-detail__countdown">
            <Text>剩余 </Text>
            <CountDown time={left} format="mm:ss" onFinish={() => void fetchDetail()} />
            <Text> 自动关闭</Text>
          </View>
        ) : null}
      </View>
      <AddressCard address={order.address} />
      {order.shipping ? (
        <View className="order-block order-detail__shipping">
          <Cell title="物流公司" value={order.shipping.carrier} />
          <CopyCell title="运单号" value={order.shipping.trackingNo} />
          <Cell title="发货时间" value={formatTime(order.shipping.shippedAt)} />
        </View>
      ) : null}
      <OrderLines lines={order.lines} />
      <AftersaleSection order={order} />
      <Breakdown entries={order.breakdown} totals={order.totals} />
      <View className="order-block order-detail__info">
        <CopyCell title="订单编号" value={order.orderNo} />
        <Cell title="下单时间" value={formatTime(order.createdAt)} />
        {order.payment ? <Cell title="支付方式" value={METHOD[order.payment.method]} /> : null}
        {order.payment?.paidAt ? <Cell title="支付时间" value={formatTime(order.payment.paidAt)} /> : null}
        {order.remark ? <Cell title="备注" value={order.remark} /> : null}
        {/* the server words it (退款成功 ¥18.05): short, so the title never wraps */}
        {order.refund ? <Cell title="退款" value={order.refund.label} /> : null}
        {order.refund?.at ? <Cell title="退款时间" value={formatTime(order.refund.at)} /> : null}
      </View>
      <View className="order-block timeline">
        <View className="timeline__title">订单进度</View>
        {[...order.timeline].reverse().map((t) => (
          <View key={`${t.at}-${t.status}`} className="timeline__item">
            <Text className="timeline__text">{t.text}</Text>
            <Text className="timeline__at">{formatTime(t.at)}</Text>
          </View>
        ))}
      </View>
      <View className="order-detail__spacer" />
      <View className="order-detail__actions">
        {order.can.cancel ? (
          <Button
            round
            size="small"
            disabled={acting}
            onClick={() =>
              void act('确定取消这个订单吗？', () => call('order.cancel', { orderId }), '订单已取消')
            }
          >
            取消订单
          </Button>
        ) : null}
        {order.can.aftersale ? (
          <Button round size="small" onClick={() => openPath(aftersaleApplyPath(orderId))}>
            申请售后
          </Button>
        ) : null}
        {order.can.review ? (
          <Button round size="small" onClick={() => openPath(reviewPath(orderId))}>
            评价
          </Button>
        ) : null}
        {order.can.buyAgain ? (
          <Button round size="small" onClick={() => openPath(checkoutPath({ orderId }))}>
            再次购买
          </Button>
        ) : null}
        {order.can.confirmReceipt ? (
          <Button
            type="danger"
            round
            size="small"
            disabled={acting}
            onClick={() =>
              void act('确认已收到商品吗？', () => call('order.confirmReceipt', { orderId }), '已确认收货')
            }
          >
            确认收货
          </Button>
        ) : null}
        {order.can.pay ? (
          <Button type="danger" round size="small" onClick={() => setPaying(true)}>
            去支付
          </Button>
        ) : null}
      </View>
      <PaySheet
        show={paying}
        orderId={orderId}
        payable={order.totals.payable}
        onClose={() => setPaying(false)}
        onDone={() => {
          setPaying(false)
          void fetchDetail()
        }}
      />
    </Screen>
  )
}
