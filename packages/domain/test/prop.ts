/** A tiny seeded property-test helper (mulberry32): reproducible, no dependency. */
export interface Rng {
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  bool(pTrue?: number): boolean
}

export const rng = (seed: number): Rng => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    bool: (pTrue = 0.5) => next() < pTrue,
  }
}

/**
 * Runs `property` on `runs` generated cases; on failure rethrows with the seed and case so it can be
 * replayed with `forAll(gen, property, { seed, runs: 1 })`.
 */
export const forAll = <T>(
  generate: (r: Rng) => T,
  property: (value: T) => void,
  options: { runs?: number; seed?: number } = {},
): void => {
  const runs = options.runs ?? 2000
  const baseSeed = options.seed ?? 20261125
  for (let i = 0; i < runs; i++) {
    const seed = baseSeed + i
    const value = generate(rng(seed))
    try {
      property(value)
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      throw new Error(`property failed (seed ${seed}) for ${JSON.stringify(value)}:\n${msg}`)
    }
  }
}

/** A cheap assertion for hot property loops (jest's expect is slow over thousands of cases). */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`invariant broken: ${what}`)
}
