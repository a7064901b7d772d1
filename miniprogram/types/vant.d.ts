import 'react'
import type { ReactNode } from 'react'
import type { VANT_COMPONENTS } from '../src/ui/vant'

// Native vant tags, only written inside src/ui/*.weapp.tsx. Props pass through to the vant component as-is.
type VantTag = `van-${(typeof VANT_COMPONENTS)[number]}`
type VantProps = { key?: string | number; children?: ReactNode } & Record<string, unknown>

declare module 'react' {
  namespace JSX {
    type VantElements = { [K in VantTag]: VantProps }
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends VantElements {}
  }
}
