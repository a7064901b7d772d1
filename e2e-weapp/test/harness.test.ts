/**
 * The harness's own failure paths, on a two-file mini-program compiled by wcc: an unregistered tag, an
 * oversized setData and a console.error must each become a problem that fails the test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jComponent from 'j-component'
import { compileBuild } from '../harness/compiler'
import { Monitor, SETDATA_LIMIT } from '../harness/monitor'
import { allByText } from '../harness/queries'
import { builtinTags } from '../harness/registry'

let dir: string
let monitor: Monitor

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mall-e2e-weapp-selftest-'))
  writeFileSync(join(dir, 'box.json'), '{"component":true}')
  writeFileSync(join(dir, 'box.wxml'), '<view class="box">{{label}}<no-such-tag wx:if="{{broken}}" /></view>')
  monitor = new Monitor()
  // the built-in tags as the registry registers them
  for (const name of builtinTags())
    jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>' } as never)
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const render = (data: Record<string, unknown>) => {
  const id = jComponent.register({
    template: compileBuild(dir)('box'),
    usingComponents: {},
    data,
    options: { classPrefix: '' },
  } as never)
  const comp = jComponent.create(id as never)
  const host = document.createElement('div')
  document.body.appendChild(host)
  ;(comp as unknown as { attach(p: Node): void }).attach(host)
  return { comp, host }
}

it('renders a wcc template and finds it by text', () => {
  const { host } = render({ label: '你好', broken: false })
  expect(allByText(host, '你好').map((el) => el.className)).toEqual(['box'])
  expect(() => monitor.assertClean()).not.toThrow()
})

it('reports a tag without a registered component', () => {
  render({ label: 'x', broken: true })
  expect(() => monitor.assertClean()).toThrow(/<no-such-tag> has no registered component/)
})

it('reports a setData over 256 KB', () => {
  const { comp } = render({ label: 'x', broken: false })
  comp.setData({ label: 'x'.repeat(SETDATA_LIMIT + 1) })
  expect(() => monitor.assertClean()).toThrow(/setData of \d+ bytes/)
})

it('reports console.error', () => {
  // the monitor passes errors on to the console it wrapped: a silent one here
  const original = console.error
  console.error = () => undefined
  const restore = monitor.watchConsole()
  try {
    console.error('boom')
  } finally {
    restore()
    console.error = original
  }
  expect(() => monitor.assertClean()).toThrow(/console.error: boom/)
})
