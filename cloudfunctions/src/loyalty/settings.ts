import { defaultMemberRules, memberRulesProblem, type MemberLevel, type MemberRules } from '@mall/domain'
import type { Database } from '../cloud'
import { now } from '../clock'
import { byId } from '../db'
import { fail } from '../errors'
import { changed } from '../order/dbx'

/**
 * The levels part of settings doc `member` (levels, pointsPerYuan, growthPerYuan); the withdrawal module
 * keeps `withdraw` in the same document, so a save here only ever touches these three fields.
 */
export const MEMBER_SETTINGS_ID = 'member'

type Raw = Record<string, unknown>
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined

function parseLevel(raw: unknown, i: number): MemberLevel | null {
  if (!raw || typeof raw !== 'object') return null
  const r = raw as Raw
  const level = int(r.level) ?? i
  const discount = int(r.discountPermille)
  return {
    level,
    name: typeof r.name === 'string' && r.name.trim() ? r.name.trim() : `Lv.${level}`,
    growth: int(r.growth) ?? 0,
    ...(discount !== undefined && discount > 0 && discount < 1000 ? { discountPermille: discount } : {}),
    ...(r.freeShipping === true ? { freeShipping: true } : {}),
    pointsMultiplier: int(r.pointsMultiplier) ?? 1000,
  }
}

/**
 * Read defensively: a missing or half-edited document falls back to the defaults as a whole (a rule set
 * that does not validate is never half applied).
 */
export function parseMemberRules(doc: Raw | undefined): MemberRules {
  if (!doc || !Array.isArray(doc.levels)) return defaultMemberRules
  const levels = (doc.levels as unknown[])
    .map(parseLevel)
    .filter((l): l is MemberLevel => l !== null)
    .sort((a, b) => a.level - b.level)
  const rules: MemberRules = {
    levels,
    pointsPerYuan: int(doc.pointsPerYuan) ?? defaultMemberRules.pointsPerYuan,
    growthPerYuan: int(doc.growthPerYuan) ?? defaultMemberRules.growthPerYuan,
  }
  return memberRulesProblem(rules) ? defaultMemberRules : rules
}

const CACHE_MS = 5_000
let cached: { at: number; value: MemberRules } | undefined

/** A warm instance re-reads the rules at most every few seconds (checkout reads them on every preview). */
export async function loadMemberRules(db: Database, fresh = false): Promise<MemberRules> {
  if (!fresh && cached && Math.abs(now() - cached.at) < CACHE_MS) return cached.value
  const value = parseMemberRules(await byId<Raw>(db.collection('settings'), MEMBER_SETTINGS_ID))
  cached = { at: now(), value }
  return value
}

/** The merchant's save: validated as a whole, written into the levels fields only. */
export async function saveMemberRules(db: Database, rules: MemberRules, at: number): Promise<MemberRules> {
  const problem = memberRulesProblem(rules)
  if (problem) fail('INVALID_INPUT', problem)
  const _ = db.command
  const levels = rules.levels.map((l) => ({
    level: l.level,
    name: l.name.trim(),
    growth: l.growth,
    ...(l.discountPermille !== undefined && l.discountPermille < 1000
      ? { discountPermille: l.discountPermille }
      : {}),
    ...(l.freeShipping ? { freeShipping: true } : {}),
    pointsMultiplier: l.pointsMultiplier,
  }))
  const data = {
    levels: _.set(levels),
    pointsPerYuan: rules.pointsPerYuan,
    growthPerYuan: rules.growthPerYuan,
    updatedAt: at,
  }
  const n = await changed(db.collection('settings').where({ _id: MEMBER_SETTINGS_ID }).update({ data }))
  if (n === 0) {
    try {
      await db.collection('settings').add({
        data: {
          _id: MEMBER_SETTINGS_ID,
          levels,
          pointsPerYuan: rules.pointsPerYuan,
          growthPerYuan: rules.growthPerYuan,
          updatedAt: at,
        },
      })
    } catch {
      // created meanwhile (the withdrawal settings, another save): update that one
      await db.collection('settings').where({ _id: MEMBER_SETTINGS_ID }).update({ data })
    }
  }
  cached = undefined
  return parseMemberRules({ levels, pointsPerYuan: rules.pointsPerYuan, growthPerYuan: rules.growthPerYuan })
}
