import { dbSteps } from './db.steps'
import { SDK_GENERATIONS, useConformance } from './harness'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

describe.each(SDK_GENERATIONS)('database conformance, wx-server-sdk %s', (gen) => {
  const h = useConformance(gen)
  for (const s of dbSteps) test(s.step, () => h.check(s))

  test('conflicted transactions wrote nothing and the SDK retried 4 times', async () => {
    const { db, vars } = h.ctx()
    expect(vars.attempts).toBe(4)
    const left = await db.collection('__conflict_commit').where({ v: 1 }).count()
    expect(left.total).toBe(0)
  })
})
