import type { Database } from '../cloud'
import { byId } from '../db'

/** One level as the merchant names it (settings doc `member`, owned by the levels module). */
export interface LevelName {
  level: number
  name: string
  growth: number
}

/**
 * The level names of settings doc `member`, read defensively: the document, its `levels` or a malformed
 * entry may be absent (a fresh install, an edit half done); a level without a name reads `Lv.<n>`.
 */
export async function loadLevelNames(db: Database): Promise<LevelName[]> {
  const doc = await byId<{ levels?: unknown }>(db.collection('settings'), 'member')
  const raw = Array.isArray(doc?.levels) ? (doc.levels as unknown[]) : []
  const out: LevelName[] = []
  for (const l of raw) {
    if (typeof l !== 'object' || l === null) continue
    const { level, name, growth } = l as Record<string, unknown>
    if (typeof level !== 'number' || !Number.isInteger(level)) continue
    out.push({
      level,
      name: typeof name === 'string' && name.trim() ? name.trim() : `Lv.${level}`,
      growth: typeof growth === 'number' && Number.isFinite(growth) ? growth : 0,
    })
  }
  return out.sort((a, b) => a.level - b.level)
}

export const levelName = (levels: LevelName[], level: number): string =>
  levels.find((l) => l.level === level)?.name ?? `Lv.${level}`

export const nextLevel = (levels: LevelName[], level: number): LevelName | null =>
  levels.find((l) => l.level > level) ?? null
