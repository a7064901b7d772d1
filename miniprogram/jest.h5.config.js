// h5 project: the h5 variants of the ui kit, stores, api client and pages in jsdom with @testing-library/react.
const path = require('path')

const here = __dirname
const dirOf = (pkg) => path.dirname(require.resolve(`${pkg}/package.json`, { paths: [here] }))
// The repository root carries React 19 (for another workspace); the app and these tests use React 18.
const reactDir = dirOf('react')
const reactDomDir = dirOf('react-dom')

// node_modules that ship untranspiled ESM; anything below @tarojs/ is always transformed.
const ESM_DEPS = [
  '@stencil',
  'zustand',
  'lodash-es',
  'swiper',
  'ssr-window',
  'dom7',
  'hls\\.js',
  'valibot',
  'resolve-pathname',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'history',
]

module.exports = {
  displayName: 'h5',
  rootDir: here,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/h5/**/*.test.{ts,tsx}'],
  // `./Button` must pick Button.h5.tsx, as Taro's h5 build does
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'mjs', 'json'],
  transform: {
    '^.+\\.(m?js|jsx|ts|tsx)$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          ['@babel/preset-react', { runtime: 'automatic' }],
          '@babel/preset-typescript',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/@tarojs/).*/node_modules/(?!(${ESM_DEPS.join('|')})/)`],
  setupFiles: ['<rootDir>/test/setup-h5.js'],
  // constants Taro's DefinePlugin injects in a real build
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
    MALL_GATEWAY_URL: '',
    MALL_CLOUD_ENV: '',
  },
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/mocks/taro-components.js',
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.js',
    '\\.css$': '<rootDir>/test/mocks/style.js',
    '^react$': reactDir,
    '^react/(.*)$': `${reactDir}/$1`,
    '^react-dom$': reactDomDir,
    '^react-dom/(.*)$': `${reactDomDir}/$1`,
  },
}
