const { nodeTransform } = require('../jest.shared')
module.exports = {
  displayName: 'emulator',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: nodeTransform,
  testTimeout: 60000,
}
