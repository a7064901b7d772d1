export * from './ledger'
export * from './buckets'
