import { buildSync } from 'esbuild'

// Only this test runs on Node; the domain's tsconfig has no Node types on purpose.
declare const __dirname: string

/**
 * The domain runs inside the mini-program on old phone runtimes: it must bundle for ES2017 and avoid
 * runtime APIs newer than that (syntax is lowered by the build, APIs are not polyfilled).
 */
describe('portability', () => {
  const out = buildSync({
    entryPoints: [`${__dirname}/../src/index.ts`],
    bundle: true,
    write: false,
    format: 'cjs',
    target: 'es2017',
    platform: 'neutral',
    logLevel: 'silent',
  })
  const code = out.outputFiles[0]!.text

  it('bundles for ES2017 with no imports left', () => {
    expect(out.errors).toEqual([])
    expect(code).not.toMatch(/\brequire\(/)
  })

  it.each([
    ['BigInt', /\bBigInt\b|\d+n\b/],
    ['structuredClone', /\bstructuredClone\b/],
    ['Array.prototype.flat/flatMap', /\.flat(Map)?\(/],
    ['Object.fromEntries / hasOwn', /Object\.(fromEntries|hasOwn)\b/],
    ['String.prototype.replaceAll', /\.replaceAll\(/],
    ['Array.prototype.at / findLast', /\.(at|findLast|findLastIndex)\(/],
    ['Promise.allSettled / any', /Promise\.(allSettled|any)\b/],
  ])('uses no %s', (_, pattern) => {
    expect(code).not.toMatch(pattern)
  })
})
