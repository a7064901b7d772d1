export * from './types'
export { priceCart, confirmPayable } from './priceCart'
export { validatePriceCartInput, MAX_LINE_QUANTITY } from './validate'
