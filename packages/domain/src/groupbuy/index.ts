export * from './groupbuy'
