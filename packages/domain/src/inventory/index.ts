export * from './reservation'
