import type { ActionInput, ActionOutput } from '@mall/contract'

// The contract index re-exports actions, not their view types: derived from the action outputs here.
export type CartView = ActionOutput<'cart.get'>
export type CartItemView = CartView['items'][number]
export type Address = ActionOutput<'address.save'>
export type CheckoutPreview = ActionOutput<'order.preview'>
export type CheckoutSource = ActionInput<'order.preview'>['source']
export type OrderDetail = ActionOutput<'order.detail'>
export type OrderListItem = ActionOutput<'order.list'>['items'][number]
export type OrderSummary = Omit<OrderListItem, 'can'>
export type OrderCounts = ActionOutput<'order.counts'>
export type OrderStatus = OrderDetail['status']
export type OrderLineView = OrderDetail['lines'][number]
export type BreakdownEntry = OrderDetail['breakdown'][number]
export type Totals = OrderDetail['totals']
export type AdminOrderRow = ActionOutput<'admin.orders.list'>['items'][number]
export type AdminStepRow = ActionOutput<'admin.steps.replay'>
