export * from './machine'
export * from './lines'
export * from './cartFlags'
export * from './effects'
