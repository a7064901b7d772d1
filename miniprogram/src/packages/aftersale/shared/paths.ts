// In-app paths of the after-sales area, shared by the order pages and the after-sales pages.
export const aftersaleApplyPath = (orderId: string) =>
  `/packages/aftersale/apply/index?orderId=${encodeURIComponent(orderId)}`
export const aftersaleDetailPath = (id: string) =>
  `/packages/aftersale/detail/index?id=${encodeURIComponent(id)}`
export const aftersaleListPath = (orderId?: string) =>
  `/packages/aftersale/list/index${orderId ? `?orderId=${encodeURIComponent(orderId)}` : ''}`
export const reviewPath = (orderId: string) =>
  `/packages/order/review/index?orderId=${encodeURIComponent(orderId)}`
