import type { Database } from '../cloud'
import { log } from '../log'
import type { OrderSettings } from '../order/settings'

/** What the step `member.levelUp` carries: the member went up from one level to another. */
export interface LevelUpEvent {
  changeId: string
  openid: string
  from: number
  to: number
  fromName: string
  toName: string
  growth: number
  at: number
}

/**
 * Whoever wants to act on a level-up (coupons for the new level, issue 10) adds a listener here. The step
 * runs every listener and is retried as a whole until all of them succeed, so a listener must be
 * idempotent by `changeId` (e.g. a coupon keyed `<changeId>_<template>`). Today nobody listens: no
 * subscribe-message template exists for level-ups, and the member centre shows the new level itself.
 */
export type LevelUpListener = (db: Database, s: OrderSettings, e: LevelUpEvent, at: number) => Promise<void>

export const levelUpListeners: Record<string, LevelUpListener> = {}

/** Step `member.levelUp`. */
export async function runLevelUp(db: Database, s: OrderSettings, p: Record<string, unknown>, at: number) {
  const e = p as unknown as LevelUpEvent
  for (const listener of Object.values(levelUpListeners)) await listener(db, s, e, at)
  log('member.levelUp', {
    openid: e.openid,
    from: e.from,
    to: e.to,
    listeners: Object.keys(levelUpListeners).length,
  })
}
