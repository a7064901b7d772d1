import fs from 'node:fs'
import path from 'node:path'

/** Records kept by key in memory and mirrored to one JSON file (a sandbox holds few records). */
export interface JsonStore<T> {
  records: Map<string, T>
  /** Marks the store changed; the file is rewritten once per event-loop turn (coalesced). */
  save(): void
  /** Writes pending changes now and stops writing (on stop: the data dir may be removed next). */
  close(): void
}

/**
 * Opens `dir/fileName` as an array of records keyed by `keyOf`, rewritten atomically (write + rename) after
 * changes. `tag` prefixes the log lines ("pay", "transfer").
 */
export function openJsonStore<T>(
  dir: string,
  fileName: string,
  keyOf: (record: T) => string,
  tag: string,
  log: (l: string) => void = () => {},
): JsonStore<T> {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, fileName)
  const records = new Map<string, T>()
  if (fs.existsSync(file)) {
    try {
      for (const r of JSON.parse(fs.readFileSync(file, 'utf8')) as T[]) records.set(keyOf(r), r)
    } catch (e) {
      // Keep the unreadable file for inspection instead of overwriting it with an empty sandbox.
      const aside = `${file}.unreadable-${Date.now()}`
      fs.renameSync(file, aside)
      log(`[${tag}] ${file} could not be read (${message(e)}); moved to ${aside}, starting empty`)
    }
  }
  let pending: NodeJS.Immediate | undefined
  let closed = false
  const write = (): void => {
    if (pending) clearImmediate(pending)
    pending = undefined
    if (closed) return
    try {
      const tmp = `${file}.tmp`
      fs.writeFileSync(tmp, JSON.stringify([...records.values()]))
      fs.renameSync(tmp, file)
    } catch (e) {
      // Runs from setImmediate: a throw here would take the whole emulator down.
      log(`[${tag}] could not write ${file}: ${message(e)}`)
    }
  }
  return {
    records,
    save() {
      if (!closed) pending ??= setImmediate(write)
    },
    close() {
      if (pending) write()
      closed = true
    },
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))
