/** Contract types of the order area (cart, address, order, pay, admin) for the handlers here. */
export * from '@mall/contract'
