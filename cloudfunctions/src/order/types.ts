/**
 * Contract types and constants of the order area. packages/contract/src/index.ts re-exports only the
 * catalogue's area file so far; importing the area files directly keeps this area compiling until it
 * re-exports them all (then this file can become `export * from '@mall/contract'`).
 */
export * from '@mall/contract/src/actions/order'
export * from '@mall/contract/src/actions/cart'
export * from '@mall/contract/src/actions/address'
export * from '@mall/contract/src/actions/pay'
export * from '@mall/contract/src/actions/admin'
