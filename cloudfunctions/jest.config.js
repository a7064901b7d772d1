const { nodeTransform } = require('../jest.shared')
module.exports = {
  displayName: 'functions',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: nodeTransform,
  testTimeout: 120000,
}
