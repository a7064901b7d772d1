/**
 * Transactions: buffered writes applied atomically on commit (one SQLite transaction), per-document write locks,
 * repeatable reads (a document is cached the first time a transaction sees it) and optimistic validation at commit
 * (any document the transaction read or wrote whose version moved means DATABASE_TRANSACTION_CONFLICT, which the
 * SDK's runTransaction retries).
 *
 * Lock rules: a transaction writing a document locked by another transaction fails at once with the conflict code;
 * a plain (non-transaction) write to a locked document waits for the lock to be released (a promise, never a busy
 * loop); a transaction older than `maxAgeMs` (30 s) is aborted and its locks released.
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError } from '../core/errors'
import { type Doc, clone } from './ejson'
import type { CollMeta, Store } from './store'

export interface PendingWrite {
  m: CollMeta
  key: string
  /** The document after the transaction, or null when it removes it. */
  doc: Doc | null
}

export interface Tx {
  id: string
  env: string
  state: 'active' | 'committed' | 'aborted'
  /** Version of each document when the transaction first saw it (null = absent). Keyed by lockKey. */
  seen: Map<string, number | null>
  cache: Map<string, Doc | null>
  writes: Map<string, PendingWrite>
  timer: NodeJS.Timeout
}

export const lockKey = (m: CollMeta, key: string) => `${m.tbl}\u0000${key}`

export const txConflict = (msg: string) =>
  new CloudbaseError('DATABASE_TRANSACTION_CONFLICT', `[TransactionConflict] ${msg}`)
const txFinished = () => new CloudbaseError('DATABASE_TRANSACTION_FAIL', 'transaction not found or finished')

export class TxManager {
  private txs = new Map<string, Tx>()
  private locks = new Map<string, string>()
  private waiters = new Map<string, Array<() => void>>()

  constructor(
    private store: Store,
    private maxAgeMs = 30_000,
    private log: (l: string) => void = () => {},
  ) {}

  start(env: string): Tx {
    const id = `tx-${randomBytes(8).toString('hex')}`
    const timer = setTimeout(() => {
      if (tx.state === 'active') {
        this.log(`[db] transaction ${id} exceeded ${this.maxAgeMs} ms and was aborted`)
        this.finish(tx, 'aborted')
      }
    }, this.maxAgeMs)
    timer.unref()
    const tx: Tx = { id, env, state: 'active', seen: new Map(), cache: new Map(), writes: new Map(), timer }
    this.txs.set(id, tx)
    return tx
  }

  /** The active transaction, or the captured "finished" error. */
  active(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx || tx.state !== 'active') throw txFinished()
    return tx
  }

  activeCount(): number {
    return [...this.txs.values()].filter((t) => t.state === 'active').length
  }

  lockedBy(m: CollMeta, key: string): string | undefined {
    return this.locks.get(lockKey(m, key))
  }

  /** Resolves once the document is not locked by any transaction (plain writes call this). */
  async waitUnlocked(m: CollMeta, key: string): Promise<void> {
    const lk = lockKey(m, key)
    while (this.locks.has(lk)) {
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(lk) ?? []
        list.push(resolve)
        this.waiters.set(lk, list)
      })
    }
  }

  /** Read through the transaction: its own pending write, else the snapshot it already saw, else the store. */
  read(tx: Tx, m: CollMeta, key: string): Doc | null {
    const lk = lockKey(m, key)
    const w = tx.writes.get(lk)
    if (w) return w.doc ? clone(w.doc) : null
    if (tx.cache.has(lk)) {
      const c = tx.cache.get(lk)!
      return c ? clone(c) : null
    }
    const row = this.store.get(m, key)
    tx.seen.set(lk, row ? row.ver : null)
    tx.cache.set(lk, row ? clone(row.doc) : null)
    return row ? row.doc : null
  }

  /** Records the version of a row returned by a query inside the transaction (for repeatable reads). */
  noteSeen(tx: Tx, m: CollMeta, key: string, ver: number, doc: Doc): Doc {
    const lk = lockKey(m, key)
    if (tx.writes.has(lk)) {
      const d = tx.writes.get(lk)!.doc
      return d ? clone(d) : (null as unknown as Doc)
    }
    if (tx.cache.has(lk)) return clone(tx.cache.get(lk)!) as Doc
    tx.seen.set(lk, ver)
    tx.cache.set(lk, clone(doc))
    return doc
  }

  write(tx: Tx, m: CollMeta, key: string, doc: Doc | null): void {
    const lk = lockKey(m, key)
    const owner = this.locks.get(lk)
    if (owner && owner !== tx.id)
      throw txConflict(`document ${key} in ${m.name} is locked by another transaction`)
    if (!tx.seen.has(lk)) {
      const row = this.store.get(m, key)
      tx.seen.set(lk, row ? row.ver : null)
    }
    this.locks.set(lk, tx.id)
    tx.writes.set(lk, { m, key, doc: doc ? clone(doc) : null })
  }

  commit(tx: Tx): void {
    for (const [lk, ver] of tx.seen) {
      const [tbl, key] = splitLock(lk)
      const m = [...tx.writes.values()].find((w) => w.m.tbl === tbl)?.m ?? this.metaByTbl(tbl)
      const row = m ? this.store.get(m, key) : undefined
      const now = row ? row.ver : null
      if (now !== ver) {
        this.finish(tx, 'aborted')
        throw txConflict(`document ${key} changed since transaction ${tx.id} read it`)
      }
    }
    try {
      this.store.sql.transaction(() => {
        for (const w of tx.writes.values()) {
          const exists = this.store.get(w.m, w.key)
          if (w.doc === null) {
            if (exists) this.store.remove(w.m, w.key)
          } else if (exists) this.store.replace(w.m, w.key, w.doc)
          else this.store.insert(w.m, w.doc)
        }
      })()
    } catch (e) {
      this.finish(tx, 'aborted')
      throw e
    }
    this.finish(tx, 'committed')
  }

  abort(tx: Tx): void {
    this.finish(tx, 'aborted')
  }

  /** Collections are known to the store by table; the commit check needs the meta for tables only read. */
  private tblIndex = new Map<string, CollMeta>()
  remember(m: CollMeta): void {
    this.tblIndex.set(m.tbl, m)
  }
  private metaByTbl(tbl: string): CollMeta | undefined {
    return this.tblIndex.get(tbl)
  }

  private finish(tx: Tx, state: 'committed' | 'aborted'): void {
    tx.state = state
    clearTimeout(tx.timer)
    for (const lk of tx.writes.keys()) {
      if (this.locks.get(lk) !== tx.id) continue
      this.locks.delete(lk)
      const ws = this.waiters.get(lk)
      this.waiters.delete(lk)
      ws?.forEach((w) => w())
    }
    tx.cache.clear()
    // Finished ids stay known for a while so late use answers "finished"; forget them after the age limit.
    setTimeout(() => this.txs.delete(tx.id), this.maxAgeMs).unref()
  }

  stop(): void {
    for (const tx of this.txs.values()) if (tx.state === 'active') this.finish(tx, 'aborted')
  }
}

function splitLock(lk: string): [string, string] {
  const i = lk.indexOf('\u0000')
  return [lk.slice(0, i), lk.slice(i + 1)]
}
