// Taro plugin (weapp): base.wxml gets one template per vant tag instead of one per tree level.
//
// WeChat templates cannot recurse, so Taro writes every container tag once per level (baseLevel 16:
// levels 0-14, then `comp` takes over). Its own tags that never contain themselves (button, image,
// picker...) get a single level-0 template whose children still go on at the real depth; vant tags
// are not on that list, and their 15 copies were two thirds of base.wxml. Taro's `nestElements` map is
// where a tag says how deep it can sit inside ITSELF: 1 = one template (never contains a same-tag
// descendant), n = n templates chosen by the number of same-tag ancestors. Nothing else about the
// page tree changes: other tags, depths, `comp` and baseLevel stay as they were.
//
// A van-X with more same-tag ancestors than its limit would find no template and render nothing, so
// a tag that takes children and can plausibly contain itself keeps a few levels. Only src/ui renders
// van-* tags: Popup and Skeleton take arbitrary children; the other wrappers take text, or only
// their own child tags (van-tabs > van-tab, van-radio-group > van-radio, van-sidebar > van-sidebar-item).
import type { IPluginContext } from '@tarojs/service'

const SELF_NESTING: Record<string, number> = { 'van-popup': 3, 'van-skeleton': 3 }

interface TemplateBuilder {
  nestElements: Map<string, number>
}
interface ComponentConfig {
  thirdPartyComponents: Map<string, Set<string>>
}
type Hook<A> = (fn: (args: A) => void) => void

export default (ctx: IPluginContext) => {
  if (process.env.TARO_ENV !== 'weapp') return
  let template: TemplateBuilder | undefined
  let components: ComponentConfig | undefined
  // registered by @tarojs/cli's build preset but missing from IPluginContext's type
  const modifyComponentConfig = (
    ctx as unknown as {
      modifyComponentConfig: Hook<{ componentConfig: ComponentConfig; config: { template: TemplateBuilder } }>
    }
  ).modifyComponentConfig
  modifyComponentConfig(({ componentConfig, config }) => {
    components = componentConfig
    template = config.template
  })
  // the last hook before base.wxml and utils.wxs are written; by now every usingComponents is known
  ctx.modifyMiniConfigs(() => {
    if (!template || !components) throw new Error('vant-templates: Taro did not pass its template builder')
    for (const tag of components.thirdPartyComponents.keys()) {
      if (tag.startsWith('van-') && !template.nestElements.has(tag))
        template.nestElements.set(tag, SELF_NESTING[tag] ?? 1)
    }
  })
}
