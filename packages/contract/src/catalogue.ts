import type * as v from 'valibot'
import { catalogActions } from './actions/catalog'
import { cartActions } from './actions/cart'
import { orderActions } from './actions/order'
import { payActions } from './actions/pay'
import { userActions } from './actions/user'
import { adminActions } from './actions/admin'
import { addressActions } from './actions/address'
import { aftersaleActions } from './actions/aftersale'
import { reviewActions } from './actions/review'
import { piiActions } from './actions/pii'
import { memberActions } from './actions/members'
import { memberSelfActions } from './actions/member'
import { walletActions } from './actions/wallet'
import { loyaltyActions } from './actions/loyalty'
import { withdrawalActions } from './actions/withdrawal'
import type { ActionDef, FunctionName } from './define'

/** name -> {fn, audience, input schema, output type}: the whole API of the mall. */
export const actions = {
  ...catalogActions,
  ...cartActions,
  ...orderActions,
  ...payActions,
  ...userActions,
  ...adminActions,
  ...addressActions,
  ...aftersaleActions,
  ...reviewActions,
  ...loyaltyActions,
  ...walletActions,
  ...piiActions,
  ...memberActions,
  ...memberSelfActions,
  ...withdrawalActions,
}

type Catalogue = typeof actions
export type ActionName = keyof Catalogue
type DefOf<A extends ActionName> = Catalogue[A]
export type ActionInput<A extends ActionName> =
  DefOf<A> extends ActionDef<infer I, unknown> ? v.InferInput<I> : never
export type ActionParsedInput<A extends ActionName> =
  DefOf<A> extends ActionDef<infer I, unknown> ? v.InferOutput<I> : never
export type ActionOutput<A extends ActionName> =
  DefOf<A> extends ActionDef<v.GenericSchema, infer O> ? O : never
export type ActionsOf<F extends FunctionName> = {
  [A in ActionName]: DefOf<A>['fn'] extends F ? A : never
}[ActionName]

export const isActionName = (name: unknown): name is ActionName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(actions, name)

/** The event a client sends to a cloud function. */
export interface ActionEvent<A extends ActionName = ActionName> {
  action: A
  input: ActionInput<A>
}
