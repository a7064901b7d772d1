/**
 * jest setup file: a DOM for j-component and exparser, which render the mini-program's tree into real DOM
 * nodes. The test environment stays `node` (the emulator, sqlite and fetch want Node's own globals), so only
 * the DOM names those libraries use are taken from a jsdom window. The jsdom is jest-environment-jsdom's
 * (a direct dependency), not whichever copy happens to be hoisted.
 */
import { createRequire } from 'node:module'

const local = createRequire(__filename)
const { JSDOM } = local(
  local.resolve('jsdom', { paths: [local.resolve('jest-environment-jsdom')] }),
) as typeof import('jsdom')

const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
  url: 'https://servicewechat.com/e2e-weapp/',
})

const names = [
  'document',
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'Event',
  'CustomEvent',
  'TouchEvent',
  'MutationObserver',
  'getComputedStyle',
] as const
const g = globalThis as unknown as Record<string, unknown>
g.window = window
for (const n of names) {
  const v = (window as unknown as Record<string, unknown>)[n]
  g[n] = typeof v === 'function' && /^[a-z]/.test(n) ? (v as () => void).bind(window) : v
}
// j-component builds touch events from these; jsdom has no Touch constructor
class Touch {
  constructor(init: Record<string, unknown> = {}) {
    Object.assign(this, { clientX: 0, clientY: 0, identifier: 0, pageX: 0, pageY: 0, target: null }, init)
  }
}
g.Touch = (window as unknown as Record<string, unknown>).Touch = Touch
// no frames without a screen: the next turn of the event loop (jsdom's visual mode would keep a 60 Hz timer alive)
const raf = (cb: (t: number) => void) => setTimeout(() => cb(Date.now()), 0) as unknown as number
g.requestAnimationFrame = (window as unknown as Record<string, unknown>).requestAnimationFrame = raf
g.cancelAnimationFrame = (window as unknown as Record<string, unknown>).cancelAnimationFrame = (id: number) =>
  clearTimeout(id)
