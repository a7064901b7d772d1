// Every test of the repository. Each area owns its jest config; `npm test` (scripts/test.ts) runs this.
module.exports = {
  projects: [
    '<rootDir>/packages/domain/jest.config.js',
    '<rootDir>/packages/contract/jest.config.js',
    '<rootDir>/emulator/jest.config.js',
    '<rootDir>/cloudfunctions/jest.config.js',
    '<rootDir>/miniprogram/jest.h5.config.js',
    '<rootDir>/miniprogram/jest.mp.config.js',
  ],
}
