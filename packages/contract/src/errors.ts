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
  // wallet: recharge
  RECHARGE_PACKAGE_UNAVAILABLE: '该充值套餐已下架，请选择其他套餐',
  RECHARGE_LIMIT_REACHED: '该充值套餐已达到您的购买次数上限',
  RECHARGE_NOT_FOUND: '充值记录不存在',
  // member: privacy, phone binding, account
  PRIVACY_REQUIRED: '请先阅读并同意隐私政策',
  PHONE_INVALID: '请输入正确的手机号',
  PHONE_TAKEN: '该手机号已绑定其他账号，请更换手机号或联系客服',
  SMS_TOO_FREQUENT: '验证码发送太频繁，请1分钟后再试',
  SMS_HOURLY_LIMIT: '该手机号1小时内获取验证码次数过多，请稍后再试',
  SMS_DAILY_LIMIT: '今日获取验证码次数已达上限，请明天再试',
  SMS_SEND_FAILED: '短信发送失败，请稍后再试',
  SMS_CODE_MISSING: '请先获取验证码',
  SMS_CODE_WRONG: '验证码错误，请重新输入',
  SMS_CODE_EXPIRED: '验证码已过期，请重新获取',
  SMS_CODE_DEAD: '验证码错误次数过多，请重新获取',
  WECHAT_PHONE_QUOTA: '微信手机号快速验证次数已用完，请改用短信验证码绑定',
  WECHAT_PHONE_FAILED: '获取微信手机号失败，请重试或改用短信验证码绑定',
  ACCOUNT_ORDERS_OPEN: '您还有未完成的订单，订单完成或关闭后才能注销账号',
  ACCOUNT_AFTERSALES_OPEN: '您还有处理中的售后申请，处理完成后才能注销账号',
  ACCOUNT_WALLET_NOT_EMPTY: '钱包中还有余额或提现中的金额，请先使用或提现后再注销账号',
  // admin: members
  MEMBER_NOT_FOUND: '会员不存在或已注销',
  REQUEST_ID_REUSED: '该请求编号已用于另一次调整，请刷新后重新提交',
  // wallet: withdrawal
  WITHDRAW_BELOW_MIN: '提现金额低于最低提现金额',
  WITHDRAW_ABOVE_MAX: '单笔提现金额超过上限',
  WITHDRAW_EXCEEDS_AVAILABLE: '提现金额超过可提现余额（充值赠送的金额不能提现）',
  WITHDRAW_DAILY_LIMIT: '今日提现次数或金额已达上限，请明天再试',
  WITHDRAWAL_NOT_FOUND: '提现记录不存在',
  WITHDRAWAL_STATE_INVALID: '提现单当前状态不支持此操作',
  TRANSFER_UNAVAILABLE: '微信转账暂不可用，请稍后再试',
} as const

export type ErrorCode = keyof typeof errorCatalogue

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, code)

export const errorMessage = (code: ErrorCode): string => errorCatalogue[code]
