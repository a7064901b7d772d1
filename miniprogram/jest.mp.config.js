// mp project: native WXML/JS/WXSS components (ours and vant's CommonJS lib/) in miniprogram-simulate + jsdom.
const { nodeTransform } = require('../jest.shared')

module.exports = {
  displayName: 'mp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/mp/**/*.test.{js,ts}'],
  transform: nodeTransform,
}
