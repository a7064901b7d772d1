/**
 * Bundles every cloudfunctions/functions/<name>/index.ts into cloudfunctions/dist/<name>/ as a folder that
 * deploys to CloudBase as is: index.js (domain + contract inlined, wx-server-sdk external), package.json
 * (wx-server-sdk the only dependency) and config.json (permissions, timer triggers).
 */
import { build } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = __dirname
const functionsDir = join(root, 'functions')
const distDir = join(root, 'dist')
const sdkVersion = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
).dependencies['wx-server-sdk']

export async function buildFunctions(names = readdirSync(functionsDir)): Promise<string[]> {
  const built: string[] = []
  for (const name of names) {
    const entry = join(functionsDir, name, 'index.ts')
    if (!existsSync(entry)) continue
    const out = join(distDir, name)
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    await build({
      entryPoints: [entry],
      outfile: join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      // CloudBase's Node.js 16 runtime is the oldest we deploy to.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    })
    writeFileSync(
      join(out, 'package.json'),
      JSON.stringify(
        {
          name,
          version: '1.0.0',
          private: true,
          main: 'index.js',
          dependencies: { 'wx-server-sdk': sdkVersion },
        },
        null,
        2,
      ) + '\n',
    )
    const configSrc = join(functionsDir, name, 'config.json')
    const config = existsSync(configSrc)
      ? readFileSync(configSrc, 'utf8')
      : '{ "permissions": { "openapi": [] } }\n'
    writeFileSync(join(out, 'config.json'), config)
    built.push(name)
  }
  return built
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions(process.argv.slice(2).length ? process.argv.slice(2) : undefined)
    .then((names) => console.log(`built ${names.join(', ')} in ${Date.now() - started} ms -> ${distDir}`))
    .catch((e: unknown) => {
      console.error(e)
      process.exit(1)
    })
}
