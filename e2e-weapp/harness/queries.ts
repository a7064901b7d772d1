/**
 * Finding things on a rendered page the way a shopper does: by the text shown, by the pages' class names
 * (Taro writes className as written; class prefixing is off) and by id. j-component composes every
 * component's shadow tree into the DOM, so text inside vant components is found too. There is no layout: an
 * element counts as shown unless it or an ancestor is hidden by an inline `display: none` (vant's
 * transitions and popups) — text hidden by a stylesheet is still "shown".
 */
import * as exparser from 'miniprogram-exparser'
import type { ExNode } from 'miniprogram-exparser'

export type TextMatch = string | RegExp

export const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim()

export function isShown(el: Element, root: Element): boolean {
  for (let n: Element | null = el; n && n !== root.parentElement; n = n.parentElement) {
    const style = n.getAttribute('style') ?? ''
    if (/display\s*:\s*none/.test(style)) return false
  }
  return true
}

const matches = (text: string, m: TextMatch) => (typeof m === 'string' ? text === norm(m) : m.test(text))

/** Elements (shown, under root, matching `selector`) whose text matches, innermost first: no match contains another. */
export function allByText(root: Element, m: TextMatch, selector = '*'): Element[] {
  const hits = [...root.querySelectorAll(selector)].filter(
    (el) => el.tagName.toLowerCase() !== 'virtual' && matches(norm(el.textContent), m) && isShown(el, root),
  )
  return hits.filter((el) => !hits.some((other) => other !== el && el.contains(other)))
}

export function allBySelector(root: Element, selector: string): Element[] {
  return [...root.querySelectorAll(selector)].filter((el) => isShown(el, root))
}

/** The exparser node behind a DOM element (events are dispatched there, as the base library does). */
export function exNode(el: Element): ExNode {
  const node = (el as unknown as { __wxElement?: ExNode }).__wxElement
  if (!node) throw new Error(`e2e-weapp: <${el.tagName.toLowerCase()}> has no mini-program node`)
  return node
}

/** The data of a component (built-ins keep the attributes registry.ts lists: value, placeholder, src...). */
export function propsOf(el: Element): Record<string, unknown> {
  return exparser.Element.getMethodCaller(exNode(el))?.data ?? {}
}

/** Fires a mini-program event on the element: taps bubble across components, input events do not. */
export function fire(el: Element, type: string, detail: unknown = {}, bubbles = true): void {
  exparser.Event.dispatchEvent(
    exNode(el),
    exparser.Event.create(type, detail, {
      bubbles,
      composed: bubbles,
      capturePhase: true,
      extraFields: { touches: [], changedTouches: [{ clientX: 0, clientY: 0, pageX: 0, pageY: 0 }] },
    }),
  )
}

/**
 * Where a finger lands on an element: its innermost first descendant. A tap on a component's host element
 * would never enter its shadow tree, where vant binds its handlers (van-button's inner <button>).
 */
export function pointUnder(el: Element): Element {
  const firstLeaf = (e: Element): Element | null => {
    for (const c of e.children) {
      if (/display\s*:\s*none/.test(c.getAttribute('style') ?? '')) continue
      const leaf = firstLeaf(c)
      if (leaf) return leaf
      if (c.tagName !== 'VIRTUAL') return c
    }
    return null
  }
  return firstLeaf(el) ?? el
}

/** Short description of an element for error messages. */
export function describe(el: Element): string {
  const cls = el.getAttribute('class')
  return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> "${norm(el.textContent).slice(0, 60)}"`
}

/** Text blocks of the page (for failure messages: what a shopper would have seen instead). */
export function visibleLines(root: Element, max = 40): string[] {
  const out: string[] = []
  const walk = (n: Node) => {
    if (out.length >= max) return
    if (n.nodeType === 3) {
      const t = norm(n.textContent)
      if (t && n.parentElement && isShown(n.parentElement, root)) out.push(t)
      return
    }
    n.childNodes.forEach(walk)
  }
  walk(root)
  return out
}

/** Rendered node count and depth as WeChat counts them (elements, not wx:for/template blocks). */
export function treeSize(root: Element): { nodes: number; depth: number } {
  let nodes = 0
  let depth = 0
  const walk = (el: Element, d: number) => {
    const real = el.tagName.toLowerCase() !== 'virtual'
    const here = real ? d + 1 : d
    if (real) nodes++
    depth = Math.max(depth, here)
    for (const c of el.children) walk(c, here)
  }
  for (const c of root.children) walk(c, 0)
  return { nodes, depth }
}
