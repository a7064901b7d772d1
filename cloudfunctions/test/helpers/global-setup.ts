/**
 * Builds cloudfunctions/dist once per jest run, before any test file starts an emulator on it (test files
 * run in parallel workers, so building per file would race on the same folder). MALL_SKIP_BUILD=1 skips it.
 */
import { buildFunctions } from '../../build'

export default async function globalSetup(): Promise<void> {
  if (process.env.MALL_SKIP_BUILD === '1') return
  await buildFunctions()
}
