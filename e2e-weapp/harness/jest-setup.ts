// Every weapp test: a generous per-test timeout (an emulator start and a whole journey run inside one test;
// `testTimeout` is ignored inside a project) and no test passes with a monitored problem left over.
import { activeMini } from './mini'

jest.setTimeout(120_000)

afterEach(() => {
  activeMini()?.assertClean()
})
