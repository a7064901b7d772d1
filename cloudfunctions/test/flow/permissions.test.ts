import fs from 'node:fs'
import path from 'node:path'
import { stepOpenApis } from '../../src/flow/handlers'

const granted = (fn: string): string[] =>
  (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'functions', fn, 'config.json'), 'utf8')) as {
      permissions: { openapi: string[] }
    }
  ).permissions.openapi

test('the cron sweeper may call every open API a step needs', () => {
  const needed = Object.values(stepOpenApis).flat()
  expect(needed.length).toBeGreaterThan(0)
  expect(granted('cron')).toEqual(expect.arrayContaining(needed))
})

test('the functions that change orders may send the messages their steps send at once', () => {
  for (const fn of ['shop', 'admin', 'payNotify']) expect(granted(fn)).toContain('subscribeMessage.send')
  expect(granted('admin')).toContain('wxa.sec.order.uploadShippingInfo')
})
