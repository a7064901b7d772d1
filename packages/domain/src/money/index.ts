export * from './fen'
export * from './arith'
export * from './percent'
export * from './prorate'
