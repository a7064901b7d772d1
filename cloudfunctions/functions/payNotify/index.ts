import { handlePayNotify } from '../../src/pay/notify'

/** cloudPay's callback function (functionName 'payNotify' in unifiedOrder and refund). */
export const main = (event: unknown) => handlePayNotify(event)
