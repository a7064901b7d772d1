export * from './result'
export * from './money'
export * from './promotion'
export * from './pricing'
