/**
 * The one catalogue of error codes a client can receive, with the Chinese message shown to shoppers.
 * Codes are stable API: add, never rename. Domain codes mirror packages/domain's DomainErrorCode.
 */
export const errorCatalogue = {
  // transport and framework
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '内容不存在或已删除',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONFLICT: '数据已被修改，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  FUNCTION_FAILED: '服务暂时不可用，请稍后再试',
  NETWORK: '网络不给力，请检查网络后重试',
  // catalogue and cart
  SKU_NOT_FOUND: '商品规格不存在',
  SKU_OFF_SHELF: '商品已下架',
  OUT_OF_STOCK: '库存不足',
  PRICE_CHANGED: '商品价格有变动，请确认后再提交',
  QUANTITY_INVALID: '购买数量不正确',
  CART_EMPTY: '请选择要结算的商品',
  CART_FULL: '购物车已满，请先清理部分商品',
  FAVORITES_FULL: '收藏数量已达上限，请先整理收藏夹',
  // checkout and promotions
  ADDRESS_REQUIRED: '请选择收货地址',
  ADDRESS_NOT_FOUND: '收货地址不存在',
  COUPON_NOT_APPLICABLE: '该优惠券不满足使用条件',
  COUPON_EXPIRED: '优惠券已过期',
  COUPON_USED: '优惠券已被使用',
  POINTS_INSUFFICIENT: '积分不足',
  AMOUNT_MISMATCH: '订单金额有变化，请重新确认',
  // orders and payment
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_STATE_INVALID: '订单当前状态不支持此操作',
  CANCEL_WINDOW_CLOSED: '已超过可取消时间，请申请售后',
  PAYMENT_FAILED: '支付未成功，请重试',
  PAYMENT_CLOSED: '订单已关闭，无法支付',
  BALANCE_INSUFFICIENT: '余额不足',
  DUPLICATE_REQUEST: '请求已提交，请勿重复操作',
  ORDER_SUBMIT_FAILED: '下单未完成，请重新提交订单',
  PAYMENT_IN_PROGRESS: '微信支付尚未结束，请继续完成微信支付，或5分钟后再改用余额支付',
  // after-sales and reviews
  AFTERSALE_NOT_FOUND: '售后单不存在',
  AFTERSALE_STATE_INVALID: '售后单当前状态不支持此操作',
  AFTERSALE_NOT_ALLOWED: '该订单当前不支持申请售后',
  AFTERSALE_WINDOW_CLOSED: '已超过售后期限',
  AFTERSALE_LINE_OPEN: '该商品已有进行中的售后申请',
  AFTERSALE_AMOUNT_EXCEEDED: '退款金额超过可退金额',
  CONTENT_RISKY: '内容含有违规信息，请修改后再提交',
  CONTENT_CHECK_FAILED: '内容安全检测暂不可用，请稍后再试',
  PHOTO_INVALID: '图片无效，请重新上传',
  REVIEW_NOT_ALLOWED: '该商品暂不能评价',
  REVIEW_EXISTS: '您已评价过该商品',
} as const

export type ErrorCode = keyof typeof errorCatalogue

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, code)

export const errorMessage = (code: ErrorCode): string => errorCatalogue[code]
