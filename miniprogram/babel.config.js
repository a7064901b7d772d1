// babel-preset-taro: used by the Taro builds only (jest configs bring their own presets)
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
