import { createRequire } from 'node:module'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import type { Compiler } from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
// npm workspaces hoist most packages to the repository root, where another workspace pulled React 19.
// Everything in the app (zustand included) must share the miniprogram's React 18.
// createRequire: the wx typings Taro pulls in replace the global `require` type with one without resolve()
const resolveHere = (id: string) => createRequire(__filename).resolve(id, { paths: [root] })
const reactDir = path.dirname(resolveHere('react/package.json'))
const vantDist = path.join(path.dirname(resolveHere('@vant/weapp/package.json')), 'dist')
// Taro names npm component assets after their path relative to this project; hoisted packages live
// outside it and would land in dist/weapp/<abs path>/npm/... while app.json points at /npm/....
const hoistedRoot = path.resolve(vantDist, '../../../..')
const hoistedNpmPrefix = `${path.relative('/', hoistedRoot).replace(/\\/g, '/')}/npm/`
class HoistedNpmPlugin {
  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('HoistedNpmPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'HoistedNpmPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const name of Object.keys(assets)) {
            // js/json/wxss come as <abs path>/npm/..., templates and wxs (loader emitted) as ../npm/...
            const rest = name.startsWith(hoistedNpmPrefix)
              ? name.slice(hoistedNpmPrefix.length)
              : /^(\.\.\/)+npm\//.test(name)
                ? name.replace(/^(\.\.\/)+npm\//, '')
                : null
            if (rest !== null) compilation.renameAsset(name, `npm/${rest}`)
          }
        },
      )
    })
  }
}

// workspace packages ship TypeScript sources: let Taro's loaders compile them like src/
const workspaceSources = ['@mall/contract', '@mall/domain'].map((p) =>
  path.join(path.dirname(resolveHere(`${p}/package.json`)), 'src'),
)

export default defineConfig<'webpack5'>(async (merge) => {
  const taroEnv = process.env.TARO_ENV ?? 'weapp'
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'wechat-mall',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    // one base.wxml template per vant tag instead of one per level (see the file)
    plugins: [path.join(__dirname, 'vant-templates.ts')],
    defineConstants: {
      MALL_CLOUD_ENV: JSON.stringify(process.env.MALL_CLOUD_ENV ?? ''),
      MALL_GATEWAY_URL: JSON.stringify(process.env.MALL_GATEWAY_URL ?? ''),
    },
    alias: {
      // lets app.config say usingComponents: { 'van-button': '@vant/weapp/button/index' }
      '@vant/weapp': vantDist,
      react$: reactDir,
      'react/jsx-runtime$': path.join(reactDir, 'jsx-runtime.js'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: process.env.TARO_CACHE === '1' },
    mini: {
      compile: { include: workspaceSources },
      postcss: {
        // vant's px must stay px (1:1 rpx would halve it)
        pxtransform: { enable: true, config: { selectorBlackList: [/^\.van-/] } },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('hoisted-npm').use(HoistedNpmPlugin)
        chain.resolve.modules.add('node_modules').add(path.join(root, 'node_modules'))
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      compile: { include: workspaceSources },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // hoisted Taro packages import ones npm kept here (next to React 18), e.g. plugin-framework-react
        chain.resolve.modules.add('node_modules').add(path.join(root, 'node_modules'))
        chain.performance.hints(false)
        // Taro splits 'initial' chunks only, so every lazy page route repeated React, the Taro components
        // and the ui kit (~220 KB each); share them across routes instead.
        const split = chain.optimization.get('splitChunks') as Record<string, unknown> | undefined
        if (split) chain.optimization.splitChunks({ ...split, chunks: 'all' })
      },
    },
  }
  return merge({}, base, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
