// e2e-weapp: the production weapp build (miniprogram/dist/weapp) loaded in Node with j-component and WeChat's
// wcc compiler, driven like a shopper against the real functions on a local emulator.
// Needs `NODE_ENV=production npm run build:weapp` and built functions (`npx tsx cloudfunctions/build.ts`).
const { nodeTransform } = require('../jest.shared')

module.exports = {
  displayName: 'weapp',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: nodeTransform,
  // the build is plain JS already, loaded from a temp copy (mall-e2e-weapp-*): transforming it would only slow the run
  transformIgnorePatterns: ['/node_modules/', '/mall-e2e-weapp-'],
  setupFiles: ['<rootDir>/harness/dom.ts'],
  setupFilesAfterEnv: ['<rootDir>/harness/jest-setup.ts'],
}
