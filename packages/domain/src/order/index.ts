export * from './machine'
export * from './lines'
