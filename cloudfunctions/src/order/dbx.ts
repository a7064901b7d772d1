import { updatedCount } from '../db'

/** wx-server-sdk types `update()` as `void | Promise` (callback style); every call here is awaited. */
export const changed = (update: unknown): Promise<number> => updatedCount(update as Promise<unknown>)

/** Awaits a write whose typings include the callback-style `void`. */
export const done = async (write: unknown): Promise<void> => {
  await (write as Promise<unknown>)
}
