/**
 * Registers the build's components and pages with j-component, the way the WeChat base library would load
 * them: each component's compiled template, its usingComponents (plus app.json's global ones, which apply
 * everywhere) and the definition its JS passes to `Component()`.
 *
 * The build's JS files are webpack chunks that run their entry module once per process, so each component
 * and page is registered once and referred to by id afterwards; a file that does not call `Component()` /
 * `Page()` when loaded is an error, never an empty shell.
 */
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import jComponent from 'j-component'
import type { Template } from './compiler'

type Obj = Record<string, unknown>

/** Built-in tags: stubs without native behaviour; the listed attributes are kept as data for queries. */
const BUILTINS: Record<string, string[]> = {
  view: [],
  text: [],
  image: ['src', 'mode'],
  input: ['value', 'placeholder', 'type', 'password', 'disabled', 'maxlength', 'focus', 'confirmType'],
  textarea: ['value', 'placeholder', 'disabled', 'maxlength', 'focus'],
  button: ['disabled', 'loading', 'openType', 'formType', 'type', 'size'],
  'scroll-view': ['scrollY', 'scrollX', 'scrollTop', 'scrollIntoView'],
  swiper: ['current', 'autoplay', 'circular'],
  'swiper-item': [],
  'rich-text': ['nodes'],
  icon: ['type'],
  label: [],
  checkbox: ['checked', 'value', 'disabled'],
  'checkbox-group': [],
  radio: ['checked', 'value', 'disabled'],
  'radio-group': [],
  switch: ['checked', 'disabled'],
  picker: ['mode', 'value', 'range', 'disabled'],
  'picker-view': ['value'],
  'picker-view-column': [],
  slider: ['value', 'min', 'max'],
  form: [],
  navigator: ['url', 'openType'],
  progress: ['percent'],
  'cover-view': [],
  'cover-image': ['src'],
  'movable-area': [],
  'movable-view': [],
  video: ['src'],
  canvas: [],
  'web-view': ['src'],
  'page-meta': [],
  'navigation-bar': ['title'],
  'root-portal': [],
  'page-container': ['show'],
  'share-element': [],
  'match-media': [],
  'official-account': [],
  'open-data': ['type'],
  map: [],
  camera: [],
  audio: [],
  ad: [],
}

export const builtinTags = (): string[] => Object.keys(BUILTINS)

let builtinsRegistered = false
function registerBuiltins() {
  if (builtinsRegistered) return
  builtinsRegistered = true
  for (const [name, attrs] of Object.entries(BUILTINS)) {
    jComponent.register({
      id: name,
      tagName: `wx-${name}`,
      template: '<slot/>',
      properties: Object.fromEntries(attrs.map((a) => [a, { type: null, value: null }])),
      options: { classPrefix: '' },
    } as never)
  }
}

/** exparser ids: stable per path, so global components can be named before they are registered. */
export const idOf = (path: string): string => `c-${path.replace(/[^A-Za-z0-9]/g, '-')}`
export const pageIdOf = (route: string): string => `p-${route.replace(/[^A-Za-z0-9]/g, '-')}`

interface Loading {
  id: string
  path: string
  tagName: string
  template: Template
  usingComponents: Record<string, string>
  done: boolean
}

export class Registry {
  private readonly ids = new Map<string, string>()
  private readonly pages = new Map<string, string>()
  private readonly configs = new Map<string, Obj>()
  private loading: Loading | null = null
  private pageConfig: Obj | null = null
  private readonly globalUsing: Record<string, string>

  constructor(
    private readonly root: string,
    private readonly template: (path: string) => Template,
    private readonly globals: Record<string, string>,
    private readonly load: (file: string) => void,
  ) {
    this.globalUsing = Object.fromEntries(
      Object.entries(globals).map(([tag, ref]) => [tag, idOf(ref.replace(/^\//, ''))]),
    )
    registerBuiltins()
  }

  /** The global `Component` while a component's JS runs. */
  onComponent = (options: Obj): void => {
    const l = this.loading
    if (!l) throw new Error('e2e-weapp: Component() was called outside a component load')
    if (l.done) throw new Error(`e2e-weapp: ${l.path}.js called Component() twice`)
    l.done = true
    const own = (options.options ?? {}) as Obj
    jComponent.register({
      ...options,
      id: l.id,
      path: l.path,
      tagName: l.tagName,
      template: l.template,
      usingComponents: l.usingComponents,
      relations: this.relations(l.path, options.relations as Obj | undefined),
      // no class prefixing: queries use the classes as written (there is no stylesheet to isolate)
      options: { ...own, classPrefix: '' },
    } as never)
  }

  /** The global `Page` while a page's JS runs. */
  onPage = (options: Obj): void => {
    this.pageConfig = options
  }

  /** Registers app.json's global components and Taro's `comp` (call after app.js ran). */
  registerGlobals(): void {
    this.component('comp', 'comp')
    for (const [tag, ref] of Object.entries(this.globals)) this.component(ref.replace(/^\//, ''), tag)
  }

  component(path: string, tagName: string): string {
    const known = this.ids.get(path)
    if (known) return known
    const id = idOf(path)
    this.ids.set(path, id)
    const usingComponents = { ...this.globalUsing, ...this.using(path) }
    const loading: Loading = {
      id,
      path,
      tagName,
      template: this.template(path),
      usingComponents,
      done: false,
    }
    const outer = this.loading
    this.loading = loading
    try {
      this.load(join(this.root, `${path}.js`))
    } finally {
      this.loading = outer
    }
    if (!loading.done)
      throw new Error(
        `e2e-weapp: ${path}.js did not call Component() when loaded (its chunk ran earlier in this process?)`,
      )
    return id
  }

  /** Loads a page's JS once, turns its `Page(opts)` into a component definition and answers the id. */
  page(route: string): { id: string; config: Obj } {
    const known = this.pages.get(route)
    if (known) return { id: known, config: this.configs.get(route)! }
    this.pageConfig = null
    this.load(join(this.root, `${route}.js`))
    const config = this.pageConfig as Obj | null
    if (!config) throw new Error(`e2e-weapp: ${route}.js did not call Page() when loaded`)
    this.pageConfig = null
    const methods = Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'function'))
    const id = pageIdOf(route)
    jComponent.register({
      id,
      path: route,
      tagName: 'page',
      template: this.template(route),
      usingComponents: { ...this.globalUsing, ...this.using(route) },
      data: config.data ?? {},
      methods,
      behaviors: (config.behaviors as unknown[]) ?? [],
      options: { classPrefix: '', multipleSlots: true },
    } as never)
    this.pages.set(route, id)
    this.configs.set(route, config)
    return { id, config }
  }

  json(path: string): Obj {
    try {
      return JSON.parse(readFileSync(join(this.root, `${path}.json`), 'utf8')) as Obj
    } catch (e) {
      throw new Error(`e2e-weapp: cannot read ${path}.json: ${(e as Error).message}`)
    }
  }

  /** A file's own usingComponents, registered, as tag -> id. */
  private using(path: string): Record<string, string> {
    const refs = (this.json(path).usingComponents ?? {}) as Record<string, string>
    const out: Record<string, string> = {}
    for (const [tag, ref] of Object.entries(refs)) {
      if (ref.startsWith('plugin://')) throw new Error(`e2e-weapp: plugin component ${tag} in ${path}`)
      out[tag] = this.component(this.resolve(path, ref), tag)
    }
    return out
  }

  private resolve(from: string, ref: string): string {
    return ref.startsWith('/') ? posix.normalize(ref.slice(1)) : posix.join(posix.dirname(from), ref)
  }

  /** relations name other components by path; exparser wants their ids (as miniprogram-simulate does). */
  private relations(path: string, relations: Obj | undefined): Obj | undefined {
    if (!relations) return undefined
    const out: Obj = {}
    for (const [key, value] of Object.entries(relations)) {
      const target = idOf(this.resolve(path, key))
      out[target] = { ...(value as Obj), target }
    }
    return out
  }
}
