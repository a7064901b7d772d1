/**
 * Storage, cloudPay, openapi and cross-account steps of results.json, replayed with the real wx-server-sdk
 * (4.0.2 and 2.6.3) against the SERVICES modules, compared with the harness's `compareOutcome`.
 */
import { SDK_GENERATIONS, capture, captured, compareOutcome, useConformance, type Outcome } from './harness'
import { maskVolatile, serviceSteps } from '../services/steps'
import { startServices, type Services } from '../services/start'

describe.each(SDK_GENERATIONS)('services conformance, wx-server-sdk %s', (gen) => {
  const h = useConformance(gen, { start: async () => startServices() as unknown as Promise<never> })
  for (const s of serviceSteps) {
    test(s.step, async () => {
      const c = h.ctx()
      const svc = c.emu as unknown as Services
      const actual = await capture(() => s.run(c, svc))
      let expected: Outcome = captured(s.step)
      if (s.adapt) expected = s.adapt(expected)
      const keys = new Set(s.volatile ?? [])
      // Steps with an explicit 2.6.3 expectation are compared strictly (no translation of the 4.0.2 capture).
      const explicit = gen === '2.6.3' && s.expect263 !== undefined
      if (explicit) expected = { outcome: 'rejected', error: s.expect263 }
      const diffs = compareOutcome(
        maskVolatile(expected, keys) as Outcome,
        maskVolatile(actual, keys) as Outcome,
        explicit ? '4.0.2' : gen,
      )
      if (diffs.length)
        throw new Error(`step "${s.step}" (wx-server-sdk ${gen}) differs:\n${diffs.join('\n')}`)
      await s.after?.(c, svc, actual)
    })
  }
})
