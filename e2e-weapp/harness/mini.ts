/**
 * The weapp build, loaded as WeChat would load it and driven like a shopper.
 *
 *   const mini = await launch({ emu, as: 'o_demo_shopper_3' })
 *   await mini.tap(await mini.findByText('加入购物车'))
 *   await mini.waitFor(() => mini.route === 'pages/cart/index')
 *
 * One launch per test file: the build's webpack chunks run once per module registry (jest gives each file
 * its own), so a second app cannot be loaded into the same one.
 */
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import jComponent from 'j-component'
import type { Emulator } from '../../emulator/src'
import { PRIVACY_VERSION } from '../../packages/contract/src/privacy'
import { compileBuild } from './compiler'
import { Monitor } from './monitor'
import {
  allBySelector,
  allByText,
  describe,
  fire,
  norm,
  pointUnder,
  propsOf,
  treeSize,
  visibleLines,
  type TextMatch,
} from './queries'
import { Registry } from './registry'
import { call, Router, type PageHandle } from './router'
import { allRoutes, readAppJson, snapshotBuild, type AppJson } from './snapshot'
import { createWx, type WxCall } from './wx'
import { Cloud } from './cloud'
import { completeTrade, type PaymentMode } from './payment'
import { tick, waitFor, type WaitOptions } from './wait'

type Obj = Record<string, unknown>

// the build's files are CommonJS requiring their chunks by relative path, as WeChat loads them
const load = createRequire(__filename)

export interface LaunchOptions {
  emu: Emulator
  /** the WeChat user (openid) every cloud call runs as */
  as: string
  /** first page (default: the first page of app.json) */
  entry?: string
  /** storage before launch; by default the privacy guide is already agreed, as on a returning phone */
  storage?: Record<string, unknown>
  privacy?: 'agreed' | 'ask'
  /** a copy of the build from snapshotBuild() (default: one is taken now); launch owns it from then on */
  build?: string
}

export type { CloudCall } from './cloud'
export type { WaitOptions } from './wait'

let launched: Mini | undefined

/** The app launched in this test file, if any (jest-setup checks it after every test). */
export const activeMini = (): Mini | undefined => launched

export async function launch(opts: LaunchOptions): Promise<Mini> {
  if (launched)
    throw new Error('e2e-weapp: one launch per test file (the build runs once per module registry)')
  const root = opts.build ?? snapshotBuild()
  const mini = (launched = new Mini(root, opts))
  mini.boot()
  await mini.settle()
  return mini
}

export class Mini {
  readonly monitor = new Monitor()
  readonly app: AppJson
  readonly storage = new Map<string, unknown>()
  readonly calls: WxCall[] = []
  readonly cloud: Cloud
  /** what requestPayment does next: pay the sandbox trade (default), cancel, or fail */
  payment: { mode: PaymentMode } = { mode: 'pay' }
  /** answers for the prompts (showModal, chooseAddress, requestSubscribeMessage...): api -> result */
  readonly answers = new Map<string, (params: Obj) => Obj | Promise<Obj>>()
  readonly tabBar = new Map<number, { badge?: string; dot?: boolean }>()
  /** temp files on the phone (tempFilePath -> bytes), as chooseImage / chooseMedia hand them out */
  readonly files = new Map<string, Buffer>()
  /** the WeChat user on this phone: every cloud call runs as them */
  user: string
  private router!: Router
  private registry!: Registry
  private appConfig: Obj = {}
  private restoreConsole: () => void = () => undefined

  constructor(
    readonly root: string,
    private readonly opts: LaunchOptions,
  ) {
    this.app = readAppJson(root)
    this.user = opts.as
    this.cloud = new Cloud(opts.emu, () => this.monitor.changed())
    this.answers.set('getPrivacySetting', () => ({ needAuthorization: opts.privacy === 'ask' }))
    this.answers.set('requestSubscribeMessage', (p) =>
      Object.fromEntries(((p.tmplIds as string[]) ?? []).map((t) => [t, 'accept'])),
    )
    this.answers.set('showModal', () => ({ confirm: true, cancel: false }))
  }

  /** Loads app.js and the global components, launches the app and opens the entry page. */
  boot(): void {
    this.restoreConsole = this.monitor.watchConsole()
    const routes = allRoutes(this.app)
    if (this.opts.privacy !== 'ask')
      this.storage.set('mall:privacy', {
        data: {
          v: 1,
          // not yet recorded: the app sends the consent to the server at launch, as after a first agreement
          state: { agreedVersion: PRIVACY_VERSION, agreedAt: 0, refusedAt: null, recorded: false },
        },
      })
    for (const [k, v] of Object.entries(this.opts.storage ?? {})) this.storage.set(k, v)
    const template = compileBuild(this.root)
    this.registry = new Registry(this.root, template, this.app.usingComponents ?? {}, (file) => load(file))
    this.router = new Router(
      this.registry,
      new Set(routes),
      (this.app.tabBar?.list ?? []).map((t) => t.pagePath),
    )
    const wx = createWx(this.host(), this.storage, this.calls)
    Object.assign(globalThis, {
      wx,
      App: (config: Obj) => void (this.appConfig = config),
      Page: this.registry.onPage,
      Component: this.registry.onComponent,
      Behavior: (def: Obj) => jComponent.behavior(def as never),
      getApp: () => this.appConfig,
      getCurrentPages: () => this.router.stack.map((p) => p.inst),
      requirePlugin: () => {
        throw new Error('e2e-weapp: requirePlugin is not modelled')
      },
      __wxConfig: {
        pages: routes,
        tabBar: this.app.tabBar,
        envVersion: 'develop',
        global: { window: this.app.window },
      },
    })
    load(`${this.root}/app.js`)
    const entry = this.opts.entry ?? routes[0]
    const launchOpts = { path: entry.replace(/^\//, '').split('?')[0], query: {}, scene: 1001 }
    ;(this.appConfig.onLaunch as ((o: Obj) => void) | undefined)?.call(this.appConfig, launchOpts)
    ;(this.appConfig.onShow as ((o: Obj) => void) | undefined)?.call(this.appConfig, launchOpts)
    this.registry.registerGlobals()
    this.router.reLaunch(entry.startsWith('/') ? entry : `/${entry}`)
  }

  private host() {
    return {
      navigateTo: (url: string) => this.router.navigateTo(url),
      redirectTo: (url: string) => this.router.redirectTo(url),
      navigateBack: (delta: number) => this.router.navigateBack(delta),
      switchTab: (url: string) => this.router.switchTab(url),
      reLaunch: (url: string) => this.router.reLaunch(url),
      uploadFile: (cloudPath: string, filePath: string) => {
        const bytes = this.files.get(filePath)
        if (!bytes) throw new Error(`no temp file ${filePath} on this phone`)
        return { fileID: this.opts.emu.storage.put(cloudPath, bytes) }
      },
      callFunction: (name: string, data: unknown) =>
        this.cloud.call(name, data, this.user, this.router.top?.route),
      requestPayment: (params: Obj) => completeTrade(this.opts.emu, params, this.payment.mode, this.user),
      answer: async (api: string, params: Obj) => {
        const fn = this.answers.get(api)
        if (!fn) throw new Error(`the test gave no answer for ${api}`)
        return fn(params)
      },
      stopPullDownRefresh: () => undefined,
      tabBar: this.tabBar,
    }
  }

  // ---- where the shopper is --------------------------------------------------------------------------

  get page(): PageHandle {
    const top = this.router.top
    if (!top) throw new Error('e2e-weapp: no page is open')
    return top
  }

  get route(): string {
    return this.page.route
  }

  /** Routes of the page stack, bottom first. */
  get stack(): string[] {
    return this.router.stack.map((p) => p.route)
  }

  get opened(): PageHandle[] {
    return this.router.opened
  }

  /** All text a shopper sees on the current page, one line per text block. */
  lines(): string[] {
    return visibleLines(this.page.el, 10_000)
  }

  // ---- queries (current page) ------------------------------------------------------------------------

  allByText(text: TextMatch, selector?: string): Element[] {
    return allByText(this.page.el, text, selector)
  }

  /** Exactly one shown element with this text (innermost). Throws otherwise, listing what is there. */
  getByText(text: TextMatch, selector?: string): Element {
    return this.one(
      this.allByText(text, selector),
      `text ${String(text)}${selector ? ` in ${selector}` : ''}`,
    )
  }

  $$(selector: string): Element[] {
    return allBySelector(this.page.el, selector)
  }

  get(selector: string): Element {
    return this.one(this.$$(selector), `selector ${selector}`)
  }

  /** By id (Taro renders a component's `id` prop as the element id) or a data-testid attribute. */
  getByTestId(id: string): Element {
    return this.one(this.$$(`[id="${id}"], [data-testid="${id}"]`), `test id ${id}`)
  }

  /** Waits until exactly one element with this text is shown. */
  findByText(text: TextMatch, selector?: string, o: WaitOptions = {}): Promise<Element> {
    return this.waitFor(() => this.getByText(text, selector), o)
  }

  find(selector: string, o: WaitOptions = {}): Promise<Element> {
    return this.waitFor(() => this.get(selector), o)
  }

  private one(found: Element[], what: string): Element {
    if (found.length === 1) return found[0]
    if (found.length === 0)
      throw new Error(`no ${what} on ${this.route}; shown: ${this.lines().slice(0, 30).join(' | ')}`)
    throw new Error(
      `${found.length} elements match ${what} on ${this.route}: ${found.slice(0, 5).map(describe).join(', ')}`,
    )
  }

  // ---- actions ---------------------------------------------------------------------------------------

  /** A tap on the element (at its first point: the innermost first child); it bubbles to whatever handles it (a Taro onClick, a vant button). */
  async tap(el: Element): Promise<void> {
    this.monitor.assertClean()
    fire(pointUnder(el), 'tap', { x: 0, y: 0 })
    await tick()
  }

  /** Types into the input (or the input inside a van-field / van-search): focus, then one input event. */
  async type(el: Element, value: string): Promise<void> {
    const input = this.inputIn(el)
    fire(input, 'focus', { value: this.valueOf(input), height: 0 }, false)
    this.typed.set(input, { value, prop: propsOf(input).value })
    fire(input, 'input', { value, cursor: value.length, keyCode: 0 }, false)
    await tick()
  }

  /** The keyboard's confirm key (search, done). */
  async confirm(el: Element): Promise<void> {
    const input = this.inputIn(el)
    fire(input, 'confirm', { value: this.valueOf(input) }, false)
    await tick()
  }

  /**
   * What a native input holds: what was typed, unless the page set another value since (vant's field does
   * not echo typing back into `value`, so the property alone would lag).
   */
  valueOf(el: Element): string {
    const input = this.inputIn(el)
    const prop = propsOf(input).value
    const t = this.typed.get(input)
    return t && t.prop === prop ? t.value : String(prop ?? '')
  }

  private readonly typed = new WeakMap<Element, { value: string; prop: unknown }>()

  private inputIn(el: Element): Element {
    const tag = el.tagName.toLowerCase()
    if (tag === 'wx-input' || tag === 'wx-textarea') return el
    const inner = el.querySelector('wx-input, wx-textarea')
    if (!inner) throw new Error(`${describe(el)} has no input`)
    return inner
  }

  /** The shopper scrolls to the end of the page (no layout here: the page's onReachBottom is called). */
  async scrollToBottom(): Promise<void> {
    call(this.page, 'onReachBottom')
    await tick()
  }

  /** Pull-down refresh, only where the page's json enables it (as WeChat). */
  async pullDown(): Promise<void> {
    const json = this.page.json
    const enabled = json.enablePullDownRefresh ?? this.app.window?.enablePullDownRefresh
    if (!enabled) throw new Error(`${this.route} does not enable pull-down refresh`)
    call(this.page, 'onPullDownRefresh')
    await tick()
  }

  /** The next chooseImage / chooseMedia picks these photos (PNG bytes) from the album. */
  pickPhotos(photos: Buffer[]): void {
    const paths = photos.map((bytes) => {
      const path = `http://tmp/e2e-${this.files.size + 1}.png`
      this.files.set(path, bytes)
      return path
    })
    const size = (p: string) => this.files.get(p)!.length
    this.answers.set('chooseImage', () => ({
      tempFilePaths: paths,
      tempFiles: paths.map((path) => ({ path, size: size(path) })),
    }))
    this.answers.set('chooseMedia', () => ({
      type: 'image',
      tempFiles: paths.map((tempFilePath) => ({ tempFilePath, size: size(tempFilePath), fileType: 'image' })),
    }))
  }

  /**
   * What WeChat fires on an open-type button after the user answered its sheet, e.g.
   * `trigger(button, 'getphonenumber', { code })`, `trigger(button, 'chooseavatar', { avatarUrl })`.
   */
  async trigger(el: Element, type: string, detail: Obj): Promise<void> {
    const button = el.tagName.toLowerCase() === 'wx-button' ? el : el.querySelector('wx-button')
    if (!button) throw new Error(`${describe(el)} is not an open-type button`)
    fire(button, type, { errMsg: `${type}:ok`, ...detail }, false)
    await tick()
  }

  /** The share menu: answers what the page's onShareAppMessage returns. */
  share(): unknown {
    if (typeof this.page.inst.onShareAppMessage !== 'function')
      throw new Error(`${this.route} cannot be shared`)
    return call(this.page, 'onShareAppMessage', { from: 'menu' })
  }

  /** A tap on the tab bar item with this text. */
  async tapTab(text: string): Promise<void> {
    const item = this.app.tabBar?.list.find((t) => t.text === text)
    if (!item) throw new Error(`no tab "${text}" in app.json`)
    this.router.switchTab(`/${item.pagePath}`)
    await tick()
  }

  /** The navigation bar's back arrow. */
  async back(): Promise<void> {
    this.router.navigateBack(1)
    await tick()
  }

  /** Opens a page directly (the audit; a journey taps its way instead). */
  async reLaunch(url: string): Promise<void> {
    this.router.reLaunch(url)
    await tick()
  }

  // ---- waiting ---------------------------------------------------------------------------------------

  /** Re-checks `check` on every change of the app until it answers (see wait.ts); never sleeps. */
  waitFor<T>(check: () => T, o: WaitOptions = {}): Promise<NonNullable<T>> {
    return waitFor(this.monitor, check, o, () => `  on ${this.safeRoute()}\n${this.recent()}`)
  }

  /** Until no cloud call is in flight and a few turns of the event loop bring no setData. */
  async settle(timeout = 15_000): Promise<void> {
    const end = Date.now() + timeout
    let seen = -1
    for (;;) {
      const n = this.monitor.setDatas.length
      if (this.cloud.inflight === 0 && n === seen) return this.monitor.assertClean()
      if (Date.now() > end)
        throw new Error(`the page ${this.safeRoute()} did not settle within ${timeout} ms`)
      seen = this.cloud.inflight === 0 ? n : -1
      await tick()
    }
  }

  /** The latest wx and cloud calls, for failure messages. */
  recent(n = 8): string {
    const wx = this.calls.slice(-n).map((c) => {
      const p = c.params as Obj | undefined
      return c.api === 'cloud.callFunction'
        ? `cloud:${(p?.data as Obj)?.action}`
        : `${c.api}${p?.url ? ` ${p.url}` : ''}`
    })
    const cloud = this.cloud.calls
      .slice(-n)
      .map((c) => `${c.action ?? c.name}${c.ok ? '' : ' THREW'}${c.code ? ` ${c.code}` : ''} ${c.ms}ms`)
    return `  recent wx calls: ${wx.join(', ')}\n  recent cloud answers: ${cloud.join(', ')}`
  }

  private safeRoute(): string {
    return this.router.top?.route ?? '(no page)'
  }

  // ---- measuring -------------------------------------------------------------------------------------

  /** The current page's figures: its first and largest setData (bytes) and the rendered tree. */
  audit(page: PageHandle = this.page): {
    route: string
    firstSetData: number
    maxSetData: number
    nodes: number
    depth: number
  } {
    const node = (page.inst as { _exparserNode?: unknown })._exparserNode
    const own = this.monitor.setDatas.filter((s) => s.node === node)
    return {
      route: page.route,
      firstSetData: own[0]?.bytes ?? 0,
      maxSetData: Math.max(0, ...own.map((s) => s.bytes)),
      ...treeSize(page.el),
    }
  }

  text(el: Element): string {
    return norm(el.textContent)
  }

  props(el: Element): Record<string, unknown> {
    return propsOf(el)
  }

  assertClean(): void {
    this.monitor.assertClean()
  }

  /** Unloads every page (so their timers stop), gives the console back and removes the build copy. */
  close(): void {
    try {
      this.router?.closeAll()
    } finally {
      this.restoreConsole()
      rmSync(this.root, { recursive: true, force: true })
    }
  }
}
