import {
  actionFunction,
  type ActionEvent,
  type ActionInput,
  type ActionName,
  type ActionOutput,
} from '@mall/contract'
import { unwrapEnvelope } from './errors'
import { send } from './transport'

export { ApiError } from './errors'

/**
 * The one way pages talk to the server: typed by the contract, routed to the cloud function that serves
 * the action. Resolves with the action's output, rejects with ApiError (contract code + Chinese message).
 */
export async function call<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const event = { action, input } as ActionEvent
  return unwrapEnvelope(await send(actionFunction(action), event)) as ActionOutput<A>
}
