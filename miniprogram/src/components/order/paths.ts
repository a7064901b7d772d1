// In-app paths of the order area, shared by the cart, checkout, order and address pages.
export const checkoutPath = (q: { skuId?: string; quantity?: number; orderId?: string } = {}): string => {
  const parts: string[] = []
  if (q.skuId) parts.push(`skuId=${encodeURIComponent(q.skuId)}`, `quantity=${q.quantity ?? 1}`)
  if (q.orderId) parts.push(`orderId=${encodeURIComponent(q.orderId)}`)
  return `/packages/order/checkout/index${parts.length ? `?${parts.join('&')}` : ''}`
}
export const orderDetailPath = (id: string) => `/packages/order/detail/index?id=${encodeURIComponent(id)}`
export const orderListPath = (status?: string) =>
  `/packages/order/list/index${status ? `?status=${encodeURIComponent(status)}` : ''}`
export const addressesPath = (select = false) => `/packages/user/addresses/index${select ? '?select=1' : ''}`
export const addressEditPath = (id?: string) =>
  `/packages/user/addresses/edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`

export const isWeapp = (): boolean => process.env.TARO_ENV === 'weapp'
