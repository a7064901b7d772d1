export * from './scope'
export * from './types'
export * from './rules'
export * from './compile'
