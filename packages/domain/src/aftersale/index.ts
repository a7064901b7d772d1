export * from './machine'
export * from './offer'
