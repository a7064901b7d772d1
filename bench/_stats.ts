/** Shared measuring helpers for the bench modules (bench/run.ts skips files starting with `_`). */

/** The p-quantile (0..1) of the samples, nearest rank from below, as every figure here reports it. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!
}

/** Runs `op(0..total-1)` with `concurrency` callers in flight and answers operations per second. */
export async function opsPerSecond(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++)
    }),
  )
  return total / (Number(process.hrtime.bigint() - started) / 1e9)
}
