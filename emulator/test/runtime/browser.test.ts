import { browserGate } from './browser'

describe('browser tests without Chromium', () => {
  test('run when the browser exists, CI or not', () => {
    expect(browserGate(true, {})).toBe('run')
    expect(browserGate(true, { CI: 'true' })).toBe('run')
  })

  test('are skipped on a laptop but fail in CI', () => {
    expect(browserGate(false, {})).toBe('skip')
    expect(browserGate(false, { CI: '' })).toBe('skip')
    expect(browserGate(false, { CI: 'false' })).toBe('skip')
    expect(browserGate(false, { CI: 'true' })).toBe('fail')
    expect(browserGate(false, { CI: '1' })).toBe('fail')
  })
})
