export * from './machine'
