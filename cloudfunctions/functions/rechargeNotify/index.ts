import { handleRechargeNotify } from '../../src/wallet/notify'

/** cloudPay's callback function for recharge trades (functionName 'rechargeNotify' in unifiedOrder). */
export const main = (event: unknown) => handleRechargeNotify(event)
