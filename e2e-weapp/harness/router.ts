/**
 * The page stack of the base library: navigateTo / redirectTo / navigateBack / switchTab / reLaunch with
 * WeChat's rules (tab pages only through switchTab and kept alive, at most 10 pages, unknown routes fail)
 * and the page lifecycles in WeChat's order (old onHide, new onLoad -> onShow -> onReady; onUnload on pop).
 */
import { posix } from 'node:path'
import jComponent from 'j-component'
import type { Registry } from './registry'

type Obj = Record<string, unknown>
type Lifecycle = (...args: unknown[]) => unknown

export interface PageHandle {
  route: string
  query: Record<string, string>
  /** the DOM the page renders into (queries are scoped to it) */
  el: HTMLElement
  /** the page instance (`this` in Taro's page config) */
  inst: Obj
  /** the page's own json (navigationBarTitleText, enablePullDownRefresh...) */
  json: Obj
  comp: { attach(parent: Node): void; detach(): void }
}

export const MAX_STACK = 10

export function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?')
  const raw = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(from ?? ''), path)
  const query: Record<string, string> = {}
  // as the base library does, values reach onLoad as written in the URL (not decoded)
  for (const pair of search.split('&').filter(Boolean)) {
    const i = pair.indexOf('=')
    query[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? '' : pair.slice(i + 1)
  }
  return { route: posix.normalize(raw), query }
}

export class Router {
  readonly stack: PageHandle[] = []
  private readonly tabs = new Map<string, PageHandle>()
  /** every page opened, in order (the audit reads it) */
  readonly opened: PageHandle[] = []

  constructor(
    private readonly registry: Registry,
    private readonly routes: Set<string>,
    private readonly tabRoutes: string[],
  ) {}

  get top(): PageHandle | undefined {
    return this.stack[this.stack.length - 1]
  }

  isTab(route: string): boolean {
    return this.tabRoutes.includes(route)
  }

  navigateTo(url: string): void {
    const { route, query } = this.target('navigateTo', url)
    if (this.isTab(route)) throw new Error(`navigateTo:fail can not navigateTo a tabbar page (${route})`)
    if (this.stack.length >= MAX_STACK)
      throw new Error(`navigateTo:fail webview count limit exceed (${MAX_STACK})`)
    const below = this.top
    if (below) call(below, 'onHide')
    this.stack.push(this.open(route, query))
  }

  redirectTo(url: string): void {
    const { route, query } = this.target('redirectTo', url)
    if (this.isTab(route)) throw new Error(`redirectTo:fail can not redirectTo a tabbar page (${route})`)
    const old = this.stack.pop()
    if (old) unload(old)
    this.stack.push(this.open(route, query))
  }

  navigateBack(delta = 1): void {
    if (this.stack.length <= 1) throw new Error('navigateBack:fail cannot navigate back at first page')
    const n = Math.min(Math.max(1, delta), this.stack.length - 1)
    for (let i = 0; i < n; i++) unload(this.stack.pop()!)
    call(this.top!, 'onShow')
  }

  /** Non-tab pages are unloaded; tab pages stay alive, hidden, until reLaunch. */
  switchTab(url: string): void {
    const { route } = this.target('switchTab', url)
    if (!this.isTab(route)) throw new Error(`switchTab:fail can not switch to no-tabBar page (${route})`)
    const wasTop = this.top
    while (this.stack.length > 0 && !this.isTab(this.top!.route)) unload(this.stack.pop()!)
    const bottom = this.stack.pop()
    // a tab page under other pages got its onHide when they were opened
    if (bottom && bottom.route !== route && bottom === wasTop) call(bottom, 'onHide')
    const existing = this.tabs.get(route)
    if (existing) {
      this.stack.push(existing)
      if (existing !== wasTop) call(existing, 'onShow')
      return
    }
    const opened = this.open(route, {})
    this.tabs.set(route, opened)
    this.stack.push(opened)
  }

  reLaunch(url: string): void {
    const { route, query } = this.target('reLaunch', url)
    this.closeAll()
    const page = this.open(route, query)
    if (this.isTab(route)) this.tabs.set(route, page)
    this.stack.push(page)
  }

  /** Unloads every page (stack and hidden tabs): their timers (count-downs, toasts) stop with them. */
  closeAll(): void {
    for (const p of new Set([...this.stack.splice(0).reverse(), ...this.tabs.values()])) unload(p)
    this.tabs.clear()
  }

  private target(api: string, url: string) {
    const t = parseUrl(url, this.top?.route)
    if (!this.routes.has(t.route)) throw new Error(`${api}:fail page "${t.route}" is not found`)
    return t
  }

  private open(route: string, query: Record<string, string>): PageHandle {
    const { id } = this.registry.page(route)
    const comp = jComponent.create(id) as unknown as PageHandle['comp'] & { instance: Obj }
    const el = document.createElement('div')
    el.setAttribute('data-route', route)
    document.body.appendChild(el)
    comp.attach(el)
    const inst = comp.instance
    // what the base library puts on a page instance before onLoad
    Object.assign(inst, { route, __route__: route, options: query })
    const page: PageHandle = { route, query, el, inst, json: this.registry.json(route), comp }
    this.opened.push(page)
    call(page, 'onLoad', { ...query })
    call(page, 'onShow')
    call(page, 'onReady')
    return page
  }
}

function unload(page: PageHandle): void {
  call(page, 'onUnload')
  page.comp.detach()
  page.el.remove()
}

/** Calls a page lifecycle if the page defines it; answers what it returned. */
export function call(page: PageHandle, name: string, ...args: unknown[]): unknown {
  const fn = page.inst[name] as Lifecycle | undefined
  return typeof fn === 'function' ? fn.apply(page.inst, args) : undefined
}
