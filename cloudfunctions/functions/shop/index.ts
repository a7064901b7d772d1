import { createHandler } from '../../src/router'
import { catalogHandlers } from '../../src/catalog/handlers'
import { userHandlers } from '../../src/user/handlers'
import { cartHandlers } from '../../src/cart/handlers'
import { orderHandlers } from '../../src/order/handlers'
import { payHandlers } from '../../src/pay/handlers'
import { aftersaleHandlers } from '../../src/aftersale/handlers'
import { reviewHandlers } from '../../src/review/handlers'
import { loyaltyHandlers } from '../../src/loyalty/handlers'
import { walletHandlers } from '../../src/wallet/handlers'
import { memberHandlers } from '../../src/member/handlers'
import { withdrawalHandlers } from '../../src/withdrawal/handlers'

/** The shopper-facing function: every action whose contract says `fn: 'shop'`. */
export const main = createHandler('shop', {
  ...catalogHandlers,
  ...userHandlers,
  ...cartHandlers,
  ...orderHandlers,
  ...payHandlers,
  ...aftersaleHandlers,
  ...reviewHandlers,
  ...loyaltyHandlers,
  ...walletHandlers,
  ...memberHandlers,
  ...withdrawalHandlers,
})
