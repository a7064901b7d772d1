import type { Clock } from './core/types'

export type ClockListener = (now: number, previous: number) => void

/** The emulator's clock, plus a change hook the timer triggers use to run what became due. */
export interface EmulatorClock extends Clock {
  onChange(listener: ClockListener): () => void
}

/** Real time plus an offset that only grows: emulated time never runs backwards. */
export function createClock(opts: { offsetMs?: number } = {}): EmulatorClock {
  let offset = Math.max(0, opts.offsetMs ?? 0)
  const listeners = new Set<ClockListener>()
  const notify = (previous: number) => {
    const now = Date.now() + offset
    for (const l of listeners) l(now, previous)
  }
  return {
    now: () => Date.now() + offset,
    offsetMs: () => offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock can only move forward (got ${ms} ms)`)
      if (ms === 0) return
      const previous = Date.now() + offset
      offset += ms
      notify(previous)
    },
    set(epochMs: number) {
      if (!Number.isFinite(epochMs)) return false
      const previous = Date.now() + offset
      if (epochMs < previous) return false
      offset += epochMs - previous
      notify(previous)
      return true
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export const hasChangeHook = (clock: Clock): clock is EmulatorClock =>
  typeof (clock as Partial<EmulatorClock>).onChange === 'function'
