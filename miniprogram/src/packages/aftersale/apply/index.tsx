import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { AFTERSALE_REASONS, AftersaleOptions, AftersaleType, AftersaleView } from '@mall/contract'
import { parseYuan } from '@mall/domain'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { newRequestId } from '../../../components/order/requestId'
import { formatPrice, formatYuan } from '../../../lib/money'
import { Button, Cell, Empty, Field, RadioGroup, Screen, Skeleton, SubmitBar, toast } from '../../../ui'
import { aftersaleDetailPath, aftersaleListPath } from '../shared/paths'
import { LinePicker } from './LinePicker'
import { PhotoPicker } from './PhotoPicker'
import { ReasonPicker } from './ReasonPicker'
import { usePhotos } from '../../../lib/usePhotos'
import { useQuote } from './useQuote'
import '../shared/aftersale.css'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; options: AftersaleOptions }

const TYPE_LABEL: Record<AftersaleType, string> = { refundOnly: '仅退款', returnAndRefund: '退货退款' }
// answers that do not prove the server refused this request id: a retry must reuse it
const UNSURE = new Set(['NETWORK', 'INTERNAL', 'FUNCTION_FAILED', 'DUPLICATE_REQUEST', 'CONFLICT'])
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export default function AftersaleApply() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  // one id per form: a retried submit (timeout, double tap) names the same request
  const requestId = useRef(newRequestId())
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [chosen, setChosen] = useState<Record<string, number>>({})
  const [type, setType] = useState<AftersaleType | null>(null)
  const [reason, setReason] = useState('')
  const [pickReason, setPickReason] = useState(false)
  const [description, setDescription] = useState('')
  const [amountText, setAmountText] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<AftersaleView | null>(null)
  const photos = usePhotos('aftersale')

  const fetchOptions = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      const options = await call('aftersale.options', { orderId })
      // a single requestable line is what the shopper came for: preselect it
      const open = options.lines.filter((l) => l.available > 0)
      if (open.length === 1) setChosen({ [open[0]!.skuId]: open[0]!.available })
      setType((t) => (t && options.types.includes(t) ? t : (options.types[0] ?? null)))
      setLoad({ state: 'ready', options })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [orderId])
  useEffect(() => {
    void fetchOptions()
  }, [fetchOptions])

  const lines = useMemo(
    () => Object.entries(chosen).map(([skuId, quantity]) => ({ skuId, quantity })),
    [chosen],
  )
  const quote = useQuote(orderId, type, lines)
  const max = quote.state === 'ready' ? quote.quote.maxAmount : null

  // '' = the whole offer; otherwise a lower amount the shopper typed
  const amount = useMemo((): { fen: number | null; error: string | null } => {
    const text = amountText.trim()
    if (text === '') return { fen: null, error: null }
    const parsed = parseYuan(text)
    if (!parsed.ok) return { fen: null, error: '请输入正确的金额' }
    if (parsed.value <= 0) return { fen: null, error: '退款金额需大于0' }
    if (max !== null && parsed.value > max)
      return { fen: null, error: `不能超过可退金额 ${formatPrice(max)}` }
    return { fen: parsed.value, error: null }
  }, [amountText, max])

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
          <Button type="danger" round size="small" onClick={() => void fetchOptions()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }
  if (done) {
    return (
      <Screen className="as-page">
        <View className="apply-done">
          <View className="apply-done__icon">✓</View>
          <View className="apply-done__title">售后申请已提交</View>
          <View className="apply-done__text">
            {done.statusLabel}
            {done.dueLabel ? `，${done.dueLabel}` : ''}
          </View>
          <View className="apply-done__actions">
            <Button round size="small" onClick={() => void Taro.redirectTo({ url: aftersaleListPath() })}>
              我的售后
            </Button>
            <Button
              type="danger"
              round
              size="small"
              onClick={() => void Taro.redirectTo({ url: aftersaleDetailPath(done.id) })}
            >
              查看详情
            </Button>
          </View>
        </View>
      </Screen>
    )
  }

  const { options } = load
  const requestable = options.lines.some((l) => l.available > 0)
  const submit = async () => {
    if (submitting) return
    const problem =
      lines.length === 0
        ? '请选择要售后的商品'
        : !type
          ? '请选择售后类型'
          : !reason
            ? '请选择申请原因'
            : photos.uploading
              ? '图片还在上传，请稍候'
              : photos.failed
                ? '有图片上传失败，请重试或删除'
                : amount.error
                  ? amount.error
                  : quote.state !== 'ready'
                    ? '正在计算可退金额，请稍候'
                    : null
    if (problem) return toast(problem)
    setSubmitting(true)
    setSubmitError(null)
    try {
      const view = await call('aftersale.submit', {
        orderId,
        type: type!,
        lines,
        requestId: requestId.current,
        // picked from options.reasons, which are the contract's reasons
        reason: reason as (typeof AFTERSALE_REASONS)[number],
        description: description.trim() || undefined,
        photos: photos.fileIds.length ? photos.fileIds : undefined,
        amount: amount.fen ?? undefined,
      })
      setDone(view)
    } catch (e) {
      const err = asApiError(e)
      // the server remembers a refusal for this id: the corrected form needs a new one
      if (!UNSURE.has(err.code)) requestId.current = newRequestId()
      setSubmitError(err)
      toast(err.message)
      if (err.code === 'AFTERSALE_LINE_OPEN' || err.code === 'AFTERSALE_AMOUNT_EXCEEDED') void fetchOptions()
    } finally {
      setSubmitting(false)
    }
  }

  const shown = amount.fen ?? max ?? (quote.state === 'loading' ? quote.last?.maxAmount : null) ?? 0
  const quoteText =
    quote.state === 'ready'
      ? `${formatPrice(quote.quote.maxAmount)}${quote.quote.includesShipping ? '（含运费）' : ''}`
      : quote.state === 'loading'
        ? '计算中…'
        : quote.state === 'error'
          ? quote.error.message
          : '请先选择商品'

  return (
    <Screen className="as-page apply">
      {!requestable ? (
        <View className="as-error">该订单的商品都已申请或退款，暂无可申请售后的商品</View>
      ) : null}
      <LinePicker lines={options.lines} chosen={chosen} onChange={setChosen} />
      <View className="as-block as-block--flush">
        <View className="apply-type">
          <View className="apply-type__label">售后类型</View>
          <RadioGroup
            value={type ?? ''}
            direction="horizontal"
            options={options.types.map((t) => ({ name: t, label: TYPE_LABEL[t] }))}
            onChange={(t) => setType(t as AftersaleType)}
          />
        </View>
        <Cell title="申请原因" value={reason || '请选择'} isLink onClick={() => setPickReason(true)} />
        <Cell title="可退金额" value={quoteText} />
        <Field
          label="退款金额"
          type="digit"
          value={amountText}
          placeholder={max !== null ? `不填则退 ${formatYuan(max)} 元` : '可填写更低的金额'}
          errorMessage={amount.error ?? undefined}
          onChange={setAmountText}
        />
        <Field
          label="问题描述"
          type="textarea"
          value={description}
          maxlength={200}
          placeholder="请描述遇到的问题（选填，200字以内）"
          onChange={setDescription}
        />
      </View>
      <PhotoPicker photos={photos} />
      {submitError ? <View className="as-error">{submitError.message}</View> : null}
      <View className="as-spacer" />
      <SubmitBar
        price={shown}
        label="退款金额："
        buttonText="提交申请"
        disabled={!requestable}
        loading={submitting}
        onSubmit={() => void submit()}
      />
      <ReasonPicker
        show={pickReason}
        reasons={options.reasons}
        value={reason}
        onClose={() => setPickReason(false)}
        onPick={(r) => {
          setReason(r)
          setPickReason(false)
        }}
      />
    </Screen>
  )
}
