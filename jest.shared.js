// One babel transform for every node-side jest project (TypeScript, no type-check: tsc -b does that).
const nodeTransform = {
  '^.+\\.[cm]?[jt]sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    },
  ],
}
module.exports = { nodeTransform }
