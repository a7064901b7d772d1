const { nodeTransform } = require('../jest.shared')
module.exports = {
  displayName: 'functions',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: nodeTransform,
  // builds cloudfunctions/dist once per run; every integration test starts an emulator on it
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
}
