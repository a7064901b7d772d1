import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const platformImports = ['@tarojs/*', 'wx-server-sdk', 'node:*', 'react', 'react-dom', 'zustand', 'valibot']
const nodeBuiltins = ['fs', 'path', 'http', 'crypto', 'os', 'child_process', 'url', 'util', 'events', 'stream']

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      '.cloudbase/**',
      'bench/out/**',
      'e2e/artifacts/**',
      'miniprogram/config/**',
      '**/*.config.js',
      '**/jest.*.js',
      'jest.shared.js',
      'miniprogram/babel.config.js',
      'miniprogram/test/mocks/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Type-aware rules where a dropped promise loses money or stock.
  {
    files: [
      'packages/**/*.ts',
      'cloudfunctions/**/*.ts',
      'emulator/**/*.ts',
      'scripts/**/*.ts',
      'e2e/**/*.ts',
      'e2e-weapp/**/*.ts',
      'bench/**/*.ts',
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // The domain is pure: no platform, no runtime dependency.
  {
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platformImports, message: 'packages/domain must not import a platform.' },
            { group: nodeBuiltins, message: 'packages/domain must not import Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
)
