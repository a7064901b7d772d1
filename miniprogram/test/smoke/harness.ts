// Loads the built weapp output in Node with minimal stand-ins for the mini-program globals, the way the
// WeChat runtime would: app.js first (App()), then each page's js (Page()), then lifecycle calls.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const DIST = path.resolve(__dirname, '../../dist/weapp')
// the built files are CommonJS that require their chunks by relative path, exactly as WeChat loads them
const load = createRequire(__filename)

type Obj = Record<string, unknown>
export interface PageInstance extends Obj {
  route: string
  data: Obj
  setData(patch: Obj, cb?: () => void): void
  patches: Obj[]
}

export interface Runtime {
  app: Obj
  pages: Map<string, Obj>
  components: Obj[]
  storage: Map<string, unknown>
  cloudCalls: Obj[]
  /** Answers a cloud call's `data` with the function's return value; unset = the call never answers. */
  answer?: (data: Obj) => unknown
}

/** Applies a Taro setData patch ('root.cn.[0].cn.[2].v': x) to a plain data tree. */
function applyPatch(data: Obj, patch: Obj) {
  for (const [key, value] of Object.entries(patch)) {
    const parts = key.split('.').map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p))
    let node: Obj | unknown[] = data
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i] as never
      if ((node as Obj)[k] == null) (node as Obj)[k] = typeof parts[i + 1] === 'number' ? [] : {}
      node = (node as Obj)[k] as Obj
    }
    ;(node as Obj)[parts[parts.length - 1] as never] = value
  }
}

export function installGlobals(initialStorage: Record<string, unknown> = {}): Runtime {
  const rt: Runtime = { app: {}, pages: new Map(), components: [], storage: new Map(), cloudCalls: [] }
  for (const [k, v] of Object.entries(initialStorage)) rt.storage.set(k, v)
  const info = {
    platform: 'devtools',
    windowWidth: 375,
    windowHeight: 812,
    screenWidth: 375,
    screenHeight: 812,
    pixelRatio: 2,
    SDKVersion: '3.6.0',
    statusBarHeight: 44,
    safeArea: { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 },
  }
  const wxBase: Obj = {
    getSystemInfoSync: () => info,
    getWindowInfo: () => info,
    getDeviceInfo: () => info,
    getAppBaseInfo: () => info,
    getMenuButtonBoundingClientRect: () => ({
      top: 48,
      bottom: 80,
      left: 281,
      right: 368,
      width: 87,
      height: 32,
    }),
    getStorageSync: (k: string) => (rt.storage.has(k) ? rt.storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void rt.storage.set(k, v),
    removeStorageSync: (k: string) => void rt.storage.delete(k),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    cloud: {
      init: () => undefined,
      callFunction: (opts: Obj) => {
        rt.cloudCalls.push(opts)
        // without an answer the page stays in its loading state, which is enough for most smoke tests
        if (!rt.answer) return new Promise(() => undefined)
        return Promise.resolve({ result: rt.answer(opts.data as Obj) })
      },
    },
  }
  // Any API the runtime touches that we did not model answers with an empty object instead of crashing.
  const wx = new Proxy(wxBase, {
    get(target, key) {
      if (key in target || typeof key !== 'string' || key === 'webpackJsonp') return target[key as string]
      return () => ({})
    },
  })
  const g = globalThis as unknown as Obj
  g.wx = wx
  g.App = (config: Obj) => {
    rt.app = config
  }
  g.getApp = () => rt.app
  g.Page = (config: Obj) => {
    rt.pages.set(String(g.__currentRoute), config)
  }
  g.Component = (config: Obj) => void rt.components.push(config)
  g.Behavior = (config: Obj) => config
  g.getCurrentPages = () => (g.__currentPage ? [g.__currentPage] : [])
  g.requirePlugin = () => ({})
  return rt
}

export function loadApp(rt: Runtime) {
  load(path.join(DIST, 'app.js'))
  const app = rt.app as { onLaunch?: (o: Obj) => void; onShow?: (o: Obj) => void }
  app.onLaunch?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
  app.onShow?.call(app, { path: 'pages/home/index', query: {}, scene: 1001 })
}

export function loadPage(rt: Runtime, route: string): Obj {
  const file = path.join(DIST, `${route}.js`)
  if (!existsSync(file)) throw new Error(`missing ${file}`)
  ;(globalThis as unknown as Obj).__currentRoute = route
  load(file)
  const config = rt.pages.get(route)
  if (!config) throw new Error(`${route} did not call Page()`)
  return config
}

/** Instantiates a registered page the way WeChat does and runs onLoad/onShow/onReady. */
export function openPage(rt: Runtime, route: string, query: Obj = {}): PageInstance {
  const config = rt.pages.get(route) ?? loadPage(rt, route)
  const page = {
    ...config,
    route,
    __route__: route,
    data: JSON.parse(JSON.stringify(config.data ?? {})) as Obj,
    patches: [] as Obj[],
    setData(this: PageInstance, patch: Obj, cb?: () => void) {
      this.patches.push(patch)
      applyPatch(this.data, patch)
      if (cb) setTimeout(cb, 0)
    },
    selectComponent: () => null,
    createSelectorQuery: () => ({}),
  } as unknown as PageInstance
  ;(globalThis as unknown as Obj).__currentPage = page
  const lifecycle = page as unknown as Record<string, (o?: Obj) => void>
  lifecycle.onLoad?.call(page, query)
  lifecycle.onShow?.call(page)
  lifecycle.onReady?.call(page)
  return page
}

export const settle = async (ms = 30) => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, ms))
}

export interface TaroNode extends Obj {
  nn?: string
  sid?: string
  cn?: TaroNode[]
}

/** Walks the page's Taro data tree. */
export function findNodes(data: Obj, match: (n: TaroNode) => boolean): TaroNode[] {
  const out: TaroNode[] = []
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return
    if (Array.isArray(n)) return n.forEach(walk)
    const node = n as TaroNode
    if (match(node)) out.push(node)
    Object.values(node).forEach(walk)
  }
  walk(data)
  return out
}
