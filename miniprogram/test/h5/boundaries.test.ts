/**
 * @jest-environment node
 */
// Architecture rules of the shell, checked on the sources.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '../../src')
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(path.join(dir, e.name))
      : /\.(tsx?|css)$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  )
const sources = files(SRC).map((f) => ({
  rel: path.relative(SRC, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}))

describe('source boundaries', () => {
  it('vant (van-* tags, @vant/weapp) appears only in src/ui and the app config', () => {
    const offenders = sources.filter(
      (s) => /<van-|@vant\/weapp/.test(s.text) && !s.rel.startsWith('ui/') && s.rel !== 'app.config.ts',
    )
    expect(offenders.map((s) => s.rel)).toEqual([])
  })

  it('every ui component has a weapp and an h5 variant', () => {
    const ui = sources.filter((s) => s.rel.startsWith('ui/')).map((s) => s.rel.slice(3))
    const weapp = ui.filter((f) => f.endsWith('.weapp.tsx')).map((f) => f.replace('.weapp.tsx', ''))
    const h5 = ui.filter((f) => f.endsWith('.h5.tsx')).map((f) => f.replace('.h5.tsx', ''))
    expect(weapp.sort()).toEqual(h5.sort())
    expect(weapp.length).toBeGreaterThanOrEqual(21)
  })

  it('nothing in the shopper UI links to the hidden admin subpackage', () => {
    const links = sources.filter(
      (s) =>
        s.text.includes('packages/admin') &&
        !s.rel.startsWith('packages/admin/') &&
        s.rel !== 'app.config.ts',
    )
    expect(links.map((s) => s.rel)).toEqual([])
  })
})
