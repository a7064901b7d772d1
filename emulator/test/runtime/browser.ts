import fs from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const inCi = (env: NodeJS.ProcessEnv) => env.CI !== undefined && env.CI !== '' && !/^(0|false)$/i.test(env.CI)

/**
 * What a browser test does when Chromium may be missing: on a laptop it is skipped (README says how to
 * install it), but in CI a missing browser must fail, or the check it stands for silently never runs.
 */
export function browserGate(exists: boolean, env: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail' {
  if (exists) return 'run'
  return inCi(env) ? 'fail' : 'skip'
}

/** `describe` for tests that drive Chromium, gated by browserGate. */
export function describeWithBrowser(name: string, body: () => void): void {
  const gate = browserGate(fs.existsSync(CHROMIUM), process.env)
  if (gate === 'run') return describe(name, body)
  if (gate === 'skip') return describe.skip(name, body)
  describe(name, () => {
    test('has a browser', () => {
      throw new Error(`${CHROMIUM} is missing; CI must install it (apt-get install -y chromium)`)
    })
  })
}
