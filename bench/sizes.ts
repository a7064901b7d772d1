/** Package sizes of the production weapp build (run `npm run build:weapp` first). */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export async function run(): Promise<Record<string, number>> {
  const dir = join(__dirname, '..', 'miniprogram', 'dist', 'weapp')
  if (!existsSync(join(dir, 'app.json'))) throw new Error('no weapp build: run `npm run build:weapp` first')
  const { measureWeapp } = (await import('../scripts/size-budget')) as {
    measureWeapp: (d: string) => Record<string, number>
  }
  return measureWeapp(dir)
}
