/**
 * Typed reads over wx-server-sdk queries. The SDK's typings return a union with its callback style;
 * every query here is awaited, so the result is always `{data}`.
 */
interface Gettable {
  get(): unknown
}

export async function list<T>(query: Gettable): Promise<T[]> {
  const res = (await (query.get() as Promise<unknown>)) as { data: T[] }
  return res.data
}

export async function first<T>(query: Gettable): Promise<T | undefined> {
  return (await list<T>(query))[0]
}

/** `doc(id).get()` without the SDK's throw-on-missing: undefined when absent. */
export async function byId<T>(coll: { where(q: object): { limit(n: number): Gettable } }, id: string) {
  return first<T & { _id: string }>(coll.where({ _id: id }).limit(1))
}

/** `where().update()` resolves with stats; a compare-and-set succeeded only when exactly one doc changed. */
export async function updatedCount(update: Promise<unknown>): Promise<number> {
  const res = (await update) as { stats: { updated: number } }
  return res.stats.updated
}
