/**
 * WeChat's own WXML compiler (`wcc`, shipped in the npm package miniprogram-compiler) over the whole build:
 * it understands everything Taro's base.wxml uses (import, dynamic template names, data spread, wxs src),
 * which the pure-JS compiler of j-component does not. The binary exists for x86-64 Linux, macOS and Windows.
 */
import compiler from 'miniprogram-compiler'

/** A compiled template, as j-component's `template` option takes it. */
export type Template = (...args: unknown[]) => unknown

export function compileBuild(root: string): (path: string) => Template {
  if (process.platform === 'linux' && process.arch !== 'x64')
    throw new Error(`e2e-weapp: wcc has no ${process.platform}-${process.arch} binary (x86-64 only)`)
  // wcc's generated code reads the base library version from the window
  ;(window as unknown as Record<string, unknown>).__webview_engine_version__ = 0.02
  // 64 MB: the whole build compiles to ~1 MB of JS, past child_process's default buffer
  const source = compiler.wxmlToJs(root, { maxBuffer: 64 << 20 })
  const gwx = new Function(source)() as (path: string) => Template | undefined
  return (path) => {
    const t = gwx(`${path}.wxml`)
    if (typeof t !== 'function') throw new Error(`e2e-weapp: wcc produced no template for ${path}.wxml`)
    return t
  }
}
