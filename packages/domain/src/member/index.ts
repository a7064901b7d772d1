export * from './levels'
export * from './earn'
export * from './expiry'
