export * from './result'
export * from './money'
