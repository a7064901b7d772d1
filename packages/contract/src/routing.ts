import type { FunctionName } from './define'

/**
 * Which cloud function serves an action, by its name alone: the merchant's actions are `admin.*`, every other
 * is the shop's (a contract test holds every action to it). The mini-program routes with this, so its main
 * package never carries the schema catalogue.
 */
export const actionFunction = (name: string): FunctionName => (name.startsWith('admin.') ? 'admin' : 'shop')
