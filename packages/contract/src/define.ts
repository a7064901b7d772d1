import type * as v from 'valibot'

/** Which cloud function serves an action, and who may call it. */
export type FunctionName = 'shop' | 'admin'
export type AdminRole = 'owner' | 'operator' | 'service' | 'finance'
export type Audience = 'shopper' | { admin: AdminRole[] }

export interface ActionDef<I extends v.GenericSchema, O> {
  fn: FunctionName
  audience: Audience
  input: I
  /** Phantom: the output type only exists at the type level (the server builds it, the client reads it). */
  output?: O
}

export const action =
  <O>() =>
  <I extends v.GenericSchema>(def: Omit<ActionDef<I, O>, 'output'>): ActionDef<I, O> =>
    def
