export * from './result'
export * from './errors'
