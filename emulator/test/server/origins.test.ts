import os from 'node:os'
import { createOriginPolicy, parseOriginList } from '../../src/core/origins'

describe('allowed browser origins', () => {
  test('MALL_ALLOWED_ORIGINS: comma-separated origins, normalised; anything else is a configuration error', () => {
    expect(parseOriginList(undefined)).toEqual([])
    expect(parseOriginList(' http://Dev.Local:10086/ , https://a.example ,')).toEqual([
      'http://dev.local:10086',
      'https://a.example',
    ])
    expect(() => parseOriginList('dev.local:10086')).toThrow(/MALL_ALLOWED_ORIGINS/)
    expect(() => parseOriginList('file:///x')).toThrow(/MALL_ALLOWED_ORIGINS/)
  })

  test("the emulator's own origins on its port, the listening host, and the extra ones", () => {
    const allowed = createOriginPolicy({ host: '192.168.1.20', extra: ['http://dev.local:10086'] })
    for (const o of [
      'http://127.0.0.1:9000',
      'http://localhost:9000',
      'http://[::1]:9000',
      'http://192.168.1.20:9000',
      'http://dev.local:10086',
    ])
      expect({ o, ok: allowed(o, 9000) }).toEqual({ o, ok: true })
    for (const o of [
      'http://127.0.0.1:9001',
      'https://127.0.0.1:9000',
      'http://localhost',
      'http://192.168.1.21:9000',
      'null',
      '',
      'http://127.0.0.1:9000.evil.example',
    ])
      expect({ o, ok: allowed(o, 9000) }).toEqual({ o, ok: false })
  })

  test("listening on every interface, a page from any of this machine's addresses is its own", () => {
    const allowed = createOriginPolicy({ host: '0.0.0.0' })
    const v4 = Object.values(os.networkInterfaces())
      .flatMap((l) => l ?? [])
      .find((a) => a.family === 'IPv4')
    if (v4) expect(allowed(`http://${v4.address}:9000`, 9000)).toBe(true)
    expect(allowed('http://203.0.113.9:9000', 9000)).toBe(false)
  })
})
