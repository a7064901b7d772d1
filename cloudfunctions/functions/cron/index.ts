import { identify } from '../../src/cloud'
import { runDueJobs } from '../../src/jobs/run'

/**
 * The one timer-triggered function. Any signed-in user can invoke any function by default, so a call that
 * comes from a client (it carries an OPENID / a client SOURCE) is refused.
 */
export async function main(): Promise<{ ok: boolean; jobs?: Record<string, number | string> }> {
  const who = identify()
  if (process.env.TRIGGER_SRC !== 'timer' && (who.openid || who.source)) return { ok: false }
  return { ok: true, jobs: await runDueJobs() }
}
