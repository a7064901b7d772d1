// In-app paths of the wallet area (balance, history, recharge, withdrawal).
export const walletPath = () => '/packages/wallet/index/index'
export const rechargePath = (id?: string) =>
  `/packages/wallet/recharge/index${id ? `?id=${encodeURIComponent(id)}` : ''}`
export const withdrawPath = () => '/packages/wallet/withdraw/index'
