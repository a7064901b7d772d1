// smoke project: the built weapp output (dist/weapp) loaded in Node. Needs `npm run build:weapp -w miniprogram`.
const { nodeTransform } = require('../jest.shared')

module.exports = {
  displayName: 'smoke',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/smoke/**/*.test.ts'],
  transform: nodeTransform,
  // the built output is plain JS already; transforming 300 KB bundles would only slow the run
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
}
