import * as v from 'valibot'

/** Ids we hand out: short, URL-safe, never an object (which is how `$`-operator injection arrives). */
export const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))

/** Integer fen, bounded so that sums of many lines stay safe integers. */
export const Fen = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000_00))

export const Quantity = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999))

/** A client-generated idempotency key (submit, pay): 8-64 URL-safe characters. */
export const RequestId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确'))

/** Opaque pagination cursor handed out by the server. */
export const Cursor = v.pipe(v.string(), v.maxLength(256))

export const PageSize = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))

/** Short free text typed by a shopper (remark, keyword); content security checks happen server-side. */
export const ShortText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max))

export const Empty = v.strictObject({})
