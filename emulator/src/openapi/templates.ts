/**
 * Subscribe-message templates and WeChat's per-kind value rules (errcode 47003 when a value breaks them).
 * A key's kind is its name without the trailing number: `thing1` -> thing, `character_string2` -> character_string.
 */

export interface TemplateDef {
  title: string
  /** Data keys the template has, e.g. ['thing1', 'amount2']; ['*'] accepts any key (kind rules still apply). */
  fields: string[]
}

/** Known template ids (others answer 40037); more via `addTemplates` or `POST /__emulator/openapi/templates`. */
export const DEFAULT_TEMPLATES: Record<string, TemplateDef> = {
  TPL_ID: { title: '订单通知', fields: ['thing1', 'amount2'] },
  // The mall's defaults (cloudfunctions/src/order/settings.ts, data built in outbox/relay.ts).
  tpl_order_paid: { title: '订单支付成功通知', fields: ['thing1', 'amount2', 'character_string3', 'time4'] },
  tpl_order_shipped: {
    title: '订单发货通知',
    fields: ['thing1', 'character_string2', 'thing3', 'character_string4'],
  },
  tpl_aftersale_progress: {
    title: '售后进度通知',
    fields: ['thing1', 'character_string2', 'phrase3', 'thing4'],
  },
}

const DATE = String.raw`\d{4}(年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})`
const TIME = String.raw`\d{1,2}:\d{2}(:\d{2})?`
const DATE_RE = new RegExp(`^${DATE}( ${TIME})?( ?~ ?${DATE}( ${TIME})?)?$`)
const TIME_RE = new RegExp(`^((${DATE} )?${TIME}|${DATE})( ?~ ?((${DATE} )?${TIME}|${DATE}))?$`)

type Rule = (v: string) => string | undefined
const len =
  (max: number): Rule =>
  (v) =>
    [...v].length > max ? `exceeds ${max} characters` : undefined
const both =
  (...rules: Rule[]): Rule =>
  (v) => {
    for (const r of rules) {
      const e = r(v)
      if (e) return e
    }
    return undefined
  }
const re =
  (r: RegExp, what: string): Rule =>
  (v) =>
    r.test(v) ? undefined : `is not a valid ${what}`

export const KIND_RULES: Record<string, Rule> = {
  thing: len(20),
  number: both(len(32), re(/^[0-9]+(\.[0-9]+)?$/, 'number')),
  letter: both(len(32), re(/^[A-Za-z]+$/, 'letter string')),
  symbol: both(len(5), re(/^[^\p{L}\p{N}\s]+$/u, 'symbol string')),
  character_string: both(len(32), re(/^[\x21-\x7e]+$/, 'character string')),
  time: re(TIME_RE, 'time'),
  date: re(DATE_RE, 'date'),
  amount: both(len(13), re(/^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/, 'amount')),
  phone_number: both(len(17), re(/^[+\d][\d-]*$/, 'phone number')),
  car_number: len(8),
  name: len(10),
  phrase: both(len(5), re(/^\p{Script=Han}+$/u, 'phrase (Chinese characters only)')),
  short_thing: len(5),
  enum: len(20),
}

export const kindOf = (key: string): string => key.replace(/\d+$/, '')

/** undefined when valid, otherwise WeChat's 47003 message. */
export function checkTemplateData(def: TemplateDef, data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'argument invalid! data is empty'
  const entries = Object.entries(data as Record<string, unknown>)
  const wildcard = def.fields.includes('*')
  if (!wildcard) {
    for (const k of def.fields)
      if (!(k in (data as object))) return `argument invalid! data.${k}.value is empty`
  }
  for (const [key, item] of entries) {
    if (!wildcard && !def.fields.includes(key)) return `argument invalid! data.${key} is not in the template`
    const value = item && typeof item === 'object' ? (item as { value?: unknown }).value : undefined
    if (typeof value !== 'string' && typeof value !== 'number')
      return `argument invalid! data.${key}.value is empty`
    const text = String(value)
    if (text.length === 0) return `argument invalid! data.${key}.value is empty`
    const rule = KIND_RULES[kindOf(key)]
    if (!rule) return `argument invalid! data.${key} has an unknown kind "${kindOf(key)}"`
    const err = rule(text)
    if (err) return `argument invalid! data.${key}.value ${err}`
  }
  return undefined
}
