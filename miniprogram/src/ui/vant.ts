// Every vant component the ui kit wraps. Registered globally (app.json) on weapp only, so Taro compiles
// exactly these (plus their own dependencies) into npm/@vant/weapp; nothing else from vant reaches dist.
export const VANT_COMPONENTS = [
  'button',
  'cell',
  'card',
  'stepper',
  'tag',
  'popup',
  'tabs',
  'tab',
  'search',
  'sidebar',
  'sidebar-item',
  'submit-bar',
  'goods-action',
  'goods-action-icon',
  'goods-action-button',
  'count-down',
  'toast',
  'dialog',
  'field',
  'checkbox',
  'radio',
  'radio-group',
  'icon',
  'empty',
  'loading',
  'skeleton',
] as const

export const vantUsingComponents = (taroEnv: string | undefined): Record<string, string> =>
  taroEnv === 'weapp'
    ? Object.fromEntries(VANT_COMPONENTS.map((c) => [`van-${c}`, `@vant/weapp/${c}/index`]))
    : {}
