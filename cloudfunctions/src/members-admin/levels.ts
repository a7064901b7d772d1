import type { MemberLevel } from '@mall/domain'
import type { Database } from '../cloud'
import { loadMemberRules } from '../loyalty/settings'

/** One level as the merchant names it: the loyalty module's rules are the one source of level names. */
export type LevelName = Pick<MemberLevel, 'level' | 'name' | 'growth'>

export const loadLevelNames = async (db: Database): Promise<LevelName[]> => (await loadMemberRules(db)).levels

export const levelName = (levels: LevelName[], level: number): string =>
  levels.find((l) => l.level === level)?.name ?? `Lv.${level}`

export const nextLevel = (levels: LevelName[], level: number): LevelName | null =>
  levels.find((l) => l.level > level) ?? null
