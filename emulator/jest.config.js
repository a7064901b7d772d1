const { nodeTransform } = require('../jest.shared')
module.exports = {
  displayName: 'emulator',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: nodeTransform,
  // `testTimeout` is a global option that jest ignores inside a project: set per file instead.
  setupFilesAfterEnv: ['<rootDir>/test/jest-setup.ts'],
}
