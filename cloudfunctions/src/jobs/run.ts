import { getDb } from '../cloud'
import { now } from '../clock'
import { refreshProductSummaries } from '../catalog/summary'
import { sweepSteps } from '../flow/run'
import { log } from '../log'
import { loadOrderSettings } from '../order/settings'
import { pollRefunds } from '../pay/refunds'
import { pollRecharges } from '../wallet/recharge'
import { reconcileLedgers } from './reconcile'
import { runAftersaleTimers } from '../aftersale/timers'
import { expirePoints } from '../loyalty/expiry'
import { advanceDelivered, closeExpired, pollPayments, recoverSubmits } from './orders'
import { pollWithdrawals } from '../withdrawal/flow'

/**
 * Everything the one timer trigger runs each minute. Each job is idempotent and bounded; one failing job
 * does not stop the others.
 */
export async function runDueJobs(): Promise<Record<string, number | string>> {
  const db = getDb()
  const settings = await loadOrderSettings(db)
  const at = now()
  const jobs: Array<[string, () => Promise<number>]> = [
    ['pollPayments', () => pollPayments(db, settings, at)],
    ['closeExpired', () => closeExpired(db, settings, at)],
    ['advanceDelivered', () => advanceDelivered(db, settings, at)],
    ['recoverSubmits', () => recoverSubmits(db, at)],
    ['steps', () => sweepSteps(db, settings, at)],
    ['pollRefunds', () => pollRefunds(db, settings, at)],
    ['pollRecharges', () => pollRecharges(db, settings, at)],
    ['aftersaleTimers', () => runAftersaleTimers(db, settings, at)],
    ['productSummaries', () => refreshProductSummaries(db)],
    ['reconcile', () => reconcileLedgers(db, at)],
    ['pointsExpiry', () => expirePoints(db, at)],
    ['withdrawals', () => pollWithdrawals(db, at)],
  ]
  const out: Record<string, number | string> = {}
  for (const [name, job] of jobs) {
    try {
      out[name] = await job()
    } catch (e) {
      out[name] = 'error'
      log('job.error', { job: name, error: String((e as Error)?.stack ?? e) })
    }
  }
  log('cron', out)
  return out
}
