// Every test of the repository. Each area owns its jest config; `npm test` (scripts/test.ts) runs this.
// The weapp smoke test needs a production weapp build first, so it has its own config that scripts/test.ts
// runs after building (miniprogram/jest.smoke.config.js).
const fs = require('node:fs')
const path = require('node:path')

const areas = [
  'packages/domain/jest.config.js',
  'packages/contract/jest.config.js',
  'emulator/jest.config.js',
  'cloudfunctions/jest.config.js',
  'miniprogram/jest.h5.config.js',
  'miniprogram/jest.mp.config.js',
]

module.exports = {
  projects: areas.filter((p) => fs.existsSync(path.join(__dirname, p))).map((p) => `<rootDir>/${p}`),
}
