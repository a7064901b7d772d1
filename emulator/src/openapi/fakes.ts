/**
 * Fakes of the WeChat open APIs the mall uses. Each answers WeChat's JSON (snake_case, `errcode`)
 * or a binary body; params arrive snake_case (the SDK converts), camelCase is tolerated for
 * `convertCase:false` callers.
 */
import { randomBytes } from 'node:crypto'
import { codePng } from './png'
import { checkTemplateData, type TemplateDef } from './templates'

export type FakeAnswer = { json: Record<string, unknown> } | { binary: Buffer; contentType: string }

export interface FakeContext {
  api: string
  params: Record<string, unknown>
  media: Record<string, Buffer>
  appid: string
  now: number
  templates: Record<string, TemplateDef>
  words: { risky: string[]; review: string[] }
  /** Extra records (e.g. a mediaCheckAsync verdict) the fake wants kept next to the call's own record. */
  note(kind: string, data: Record<string, unknown>): void
}

const snakeToCamel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const get = (p: Record<string, unknown>, key: string): unknown => (key in p ? p[key] : p[snakeToCamel(key)])
const s = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined)

const err = (errcode: number, errmsg: string): FakeAnswer => ({
  json: { errcode, errmsg: `${errmsg} rid: local` },
})
const ok = (extra: Record<string, unknown> = {}): FakeAnswer => ({
  json: { errcode: 0, errmsg: 'ok', ...extra },
})

const OPENID_RE = /^[A-Za-z0-9_-]{6,64}$/
const traceId = (): string => `local-trace-${randomBytes(4).toString('hex')}`

export function verdictOf(
  text: string,
  words: FakeContext['words'],
): { suggest: 'pass' | 'review' | 'risky'; label: number; keyword?: string } {
  const lower = text.toLowerCase()
  const hit = (list: string[]): string | undefined => list.find((w) => w && lower.includes(w.toLowerCase()))
  const risky = hit(words.risky)
  if (risky) return { suggest: 'risky', label: 20006, keyword: risky }
  const review = hit(words.review)
  if (review) return { suggest: 'review', label: 21000, keyword: review }
  return { suggest: 'pass', label: 100 }
}

function subscribeSend(c: FakeContext): FakeAnswer {
  const touser = s(get(c.params, 'touser'))
  if (!touser || !OPENID_RE.test(touser)) return err(40003, 'invalid openid')
  const id = s(get(c.params, 'template_id'))
  const def = id ? c.templates[id] : undefined
  if (!def) return err(40037, 'invalid template_id')
  const state = get(c.params, 'miniprogram_state')
  if (state !== undefined && !['developer', 'trial', 'formal'].includes(String(state)))
    return err(47003, 'argument invalid! miniprogram_state is invalid')
  const problem = checkTemplateData(def, get(c.params, 'data'))
  if (problem) return err(47003, problem)
  return ok()
}

function msgSecCheck(c: FakeContext): FakeAnswer {
  const content = get(c.params, 'content')
  if (typeof content !== 'string') return err(47001, 'data format error: content is required')
  const v = verdictOf(content, c.words)
  if (Number(get(c.params, 'version')) !== 2) {
    // v1: violating text is an error code.
    return v.suggest === 'risky' ? err(87014, 'risky content') : ok()
  }
  const openid = s(get(c.params, 'openid'))
  if (!openid || !OPENID_RE.test(openid)) return err(40003, 'invalid openid')
  const scene = Number(get(c.params, 'scene'))
  if (![1, 2, 3, 4].includes(scene)) return err(47001, 'data format error: scene must be 1..4')
  // v2: errcode stays 0 even for violating text; the verdict is in result.suggest.
  const detail: Record<string, unknown> = {
    strategy: 'content_model',
    errcode: 0,
    suggest: v.suggest,
    label: v.label,
    prob: 90,
  }
  if (v.keyword) Object.assign(detail, { strategy: 'keyword', level: 20, keyword: v.keyword })
  return ok({ result: { suggest: v.suggest, label: v.label }, detail: [detail], trace_id: traceId() })
}

function mediaCheckAsync(c: FakeContext): FakeAnswer {
  const url = s(get(c.params, 'media_url'))
  const type = Number(get(c.params, 'media_type'))
  if (!url || !/^https?:\/\//.test(url))
    return err(47001, 'data format error: media_url must be an http(s) URL')
  if (type !== 1 && type !== 2)
    return err(47001, 'data format error: media_type must be 1 (audio) or 2 (image)')
  const openid = s(get(c.params, 'openid'))
  if (Number(get(c.params, 'version')) === 2 && (!openid || !OPENID_RE.test(openid)))
    return err(40003, 'invalid openid')
  const trace_id = traceId()
  const v = verdictOf(fileNameOf(url), c.words)
  // WeChat pushes the verdict later (wxa_media_check event); here it becomes a record.
  c.note('security.mediaCheckAsync#verdict', {
    trace_id,
    media_url: url,
    result: { suggest: v.suggest, label: v.label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest: v.suggest, label: v.label, prob: 90 }],
  })
  return ok({ trace_id })
}

/**
 * The verdict comes from words in the file name only: folder names (`review/...`) and the host would otherwise
 * decide for every photo of an area.
 */
function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
  } catch {
    return url
  }
}

function imgSecCheck(c: FakeContext): FakeAnswer {
  const media = c.media.media
  if (!media) return err(47001, 'data format error: media is required')
  // Image bytes are random-looking: only long (>= 6 bytes), exact word matches count, or a big photo would
  // trip over a short word like "BAD" by chance.
  const risky = c.words.risky.some((w) => Buffer.byteLength(w) >= 6 && media.includes(Buffer.from(w, 'utf8')))
  if (risky) return err(87014, 'risky content')
  return ok({ local_stub_echo: { media: c.params.media } })
}

function sendSms(c: FakeContext): FakeAnswer {
  const list = get(c.params, 'phone_number_list')
  if (!Array.isArray(list) || list.length === 0)
    return err(47001, 'data format error: phone_number_list is required')
  if (list.length > 200) return err(47001, 'data format error: at most 200 phone numbers')
  const content = s(get(c.params, 'content'))
  const templateId = s(get(c.params, 'template_id'))
  if (!content && !templateId) return err(47001, 'data format error: content or template_id is required')
  const send_status_list = list.map((phone) => {
    const p = String(phone)
    const valid = /^\+?\d{11,15}$/.test(p) || /^\+86 ?1\d{10}$/.test(p)
    const serial_no = `local-${randomBytes(4).toString('hex')}`
    if (valid) {
      c.note('cloudbase.sendSms#inbox', {
        phone_number: p,
        content:
          content ?? `[template ${templateId}] ${JSON.stringify(get(c.params, 'template_param_list') ?? [])}`,
        serial_no,
      })
    }
    return valid
      ? { serial_no, phone_number: p, code: 'Ok', message: 'send success', iso_code: 'CN' }
      : {
          serial_no: '',
          phone_number: p,
          code: 'InvalidParameterValue.IncorrectPhoneNumber',
          message: 'incorrect phone number',
          iso_code: '',
        }
  })
  return ok({ send_status_list })
}

function getPhoneNumber(c: FakeContext): FakeAnswer {
  const code = s(get(c.params, 'code'))
  const m = code ? /^dev:(\+?\d{5,15})$/.exec(code) : null
  if (!m) return err(40029, 'invalid code')
  const pure = m[1]!.replace(/^\+86/, '')
  return ok({
    phone_info: {
      phoneNumber: m[1]!.startsWith('+') ? m[1] : pure,
      purePhoneNumber: pure,
      countryCode: '86',
      watermark: { timestamp: Math.floor(c.now / 1000), appid: c.appid },
    },
  })
}

/** `upload_shipping_info` (cloud call `wxa.sec.order.uploadShippingInfo`). */
function uploadShippingInfo(c: FakeContext): FakeAnswer {
  const bad = (what: string): FakeAnswer => err(47001, `data format error: ${what}`)
  const key = get(c.params, 'order_key') as Record<string, unknown> | undefined
  if (!key || typeof key !== 'object') return bad('order_key is required')
  const type = Number(get(key, 'order_number_type'))
  if (type === 1) {
    if (!s(get(key, 'mchid')) || !s(get(key, 'out_trade_no')))
      return bad('order_key needs mchid and out_trade_no (order_number_type 1)')
  } else if (type === 2) {
    if (!s(get(key, 'transaction_id'))) return bad('order_key needs transaction_id (order_number_type 2)')
  } else return bad('order_key.order_number_type must be 1 or 2')
  const logistics = Number(get(c.params, 'logistics_type'))
  if (![1, 2, 3, 4].includes(logistics)) return bad('logistics_type must be 1..4')
  const modeRaw = get(c.params, 'delivery_mode')
  const mode = modeRaw === 'UNIFIED_DELIVERY' ? 1 : modeRaw === 'SPLIT_DELIVERY' ? 2 : Number(modeRaw)
  if (mode !== 1 && mode !== 2) return bad('delivery_mode must be 1 (UNIFIED_DELIVERY) or 2 (SPLIT_DELIVERY)')
  const list = get(c.params, 'shipping_list')
  if (!Array.isArray(list) || list.length < 1 || list.length > 15)
    return bad('shipping_list must have 1..15 items')
  if (mode === 1 && list.length !== 1) return bad('UNIFIED_DELIVERY takes exactly one shipping_list item')
  if (mode === 2 && typeof get(c.params, 'is_all_delivered') !== 'boolean')
    return bad('is_all_delivered is required for SPLIT_DELIVERY')
  for (const [i, item] of list.entries()) {
    const o = (item ?? {}) as Record<string, unknown>
    if (logistics === 1) {
      const no = s(get(o, 'tracking_no'))
      if (!no || no.length > 128) return bad(`shipping_list[${i}].tracking_no is required (1..128 chars)`)
      if (!s(get(o, 'express_company'))) return bad(`shipping_list[${i}].express_company is required`)
    }
    const desc = s(get(o, 'item_desc'))
    if (!desc || [...desc].length > 120)
      return bad(`shipping_list[${i}].item_desc is required (1..120 chars)`)
  }
  const uploadTime = s(get(c.params, 'upload_time'))
  if (!uploadTime || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(uploadTime))
    return bad('upload_time must be RFC 3339, e.g. 2022-12-15T13:29:35.120+08:00')
  const payer = get(c.params, 'payer') as Record<string, unknown> | undefined
  const openid = payer && typeof payer === 'object' ? s(get(payer, 'openid')) : undefined
  if (!openid || !OPENID_RE.test(openid)) return bad('payer.openid is required')
  return ok()
}

function getUnlimited(c: FakeContext): FakeAnswer {
  const scene = get(c.params, 'scene')
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32)
    return err(40169, 'invalid length for scene, or the data is not json string')
  if (!/^[\x21-\x7e]+$/.test(scene))
    return err(40169, 'invalid scene: only visible ASCII characters are allowed')
  const width = get(c.params, 'width')
  if (width !== undefined && (typeof width !== 'number' || width < 280 || width > 1280))
    return err(40159, 'invalid width: 280..1280')
  return { binary: codePng(`${String(get(c.params, 'page') ?? '')}?${scene}`), contentType: 'image/png' }
}

export const FAKES: Record<string, (c: FakeContext) => FakeAnswer> = {
  'subscribeMessage.send': subscribeSend,
  'security.msgSecCheck': msgSecCheck,
  'security.mediaCheckAsync': mediaCheckAsync,
  'security.imgSecCheck': imgSecCheck,
  'cloudbase.sendSms': sendSms,
  'cloudbase.sendSmsV2': sendSms,
  'phonenumber.getPhoneNumber': getPhoneNumber,
  'wxa.sec.order.uploadShippingInfo': uploadShippingInfo,
  'sec.order.uploadShippingInfo': uploadShippingInfo,
  'wxacode.getUnlimited': getUnlimited,
}

/** Any other API: recorded and answered ok, echoing what it was given (as the capture did). */
export const generic = (c: FakeContext): FakeAnswer => ok({ local_stub_echo: c.params })
