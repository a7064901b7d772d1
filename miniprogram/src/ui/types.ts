import type { ReactNode } from 'react'

// Props shared by the weapp (vant) and h5 (plain Taro) variant of every ui component.
// Values, never events: callbacks receive the new value so pages stay platform-free.

export interface ButtonProps {
  type?: 'default' | 'primary' | 'danger' | 'warning' | 'info'
  size?: 'large' | 'normal' | 'small' | 'mini'
  block?: boolean
  round?: boolean
  plain?: boolean
  disabled?: boolean
  loading?: boolean
  onClick?: () => void
  children?: ReactNode
}

export interface CellProps {
  title: string
  value?: string
  label?: string
  isLink?: boolean
  onClick?: () => void
}

export interface CardProps {
  thumb: string
  title: string
  desc?: string
  /** fen */
  price: number
  /** fen, shown struck through */
  originPrice?: number
  num?: number
  tag?: string
  onClick?: () => void
}

export interface StepperProps {
  value: number
  min?: number
  max?: number
  step?: number
  disabled?: boolean
  onChange?: (value: number) => void
}

export interface TagProps {
  type?: 'default' | 'primary' | 'success' | 'danger' | 'warning'
  plain?: boolean
  round?: boolean
  children?: ReactNode
}

export interface PopupProps {
  show: boolean
  position?: 'bottom' | 'center' | 'top'
  round?: boolean
  closeable?: boolean
  onClose?: () => void
  children?: ReactNode
}

export interface TabsProps {
  tabs: string[]
  /** a number beside a tab's title (hidden when 0 or missing) */
  badges?: Array<number | undefined>
  active: number
  onChange?: (index: number) => void
}

export interface SearchProps {
  value: string
  placeholder?: string
  onChange?: (value: string) => void
  onSearch?: (value: string) => void
}

export interface SidebarProps {
  items: { title: string; badge?: string }[]
  active: number
  onChange?: (index: number) => void
}

export interface SubmitBarProps {
  /** fen */
  price: number
  buttonText: string
  label?: string
  disabled?: boolean
  loading?: boolean
  onSubmit?: () => void
  children?: ReactNode
}

export interface GoodsActionProps {
  /** `openType` hands the tap to WeChat (contact: 客服 chat, share: 转发); weapp only, h5 uses onClick */
  icons?: {
    icon: string
    text: string
    info?: string
    openType?: 'contact' | 'share'
    onClick?: () => void
  }[]
  buttons: { text: string; type?: 'warning' | 'danger'; disabled?: boolean; onClick?: () => void }[]
}

export interface CountDownProps {
  /** milliseconds left */
  time: number
  /** tokens: DD HH mm ss */
  format?: string
  onFinish?: () => void
}

export interface FieldProps {
  label?: string
  value: string
  placeholder?: string
  type?: 'text' | 'number' | 'digit' | 'idcard' | 'textarea' | 'password'
  maxlength?: number
  required?: boolean
  errorMessage?: string
  onChange?: (value: string) => void
}

export interface CheckboxProps {
  checked: boolean
  disabled?: boolean
  shape?: 'round' | 'square'
  onChange?: (checked: boolean) => void
  children?: ReactNode
}

export interface RadioGroupProps {
  value: string
  options: { name: string; label: string; disabled?: boolean }[]
  direction?: 'horizontal' | 'vertical'
  onChange?: (name: string) => void
}

export interface IconProps {
  name: string
  size?: string
  color?: string
  info?: string
  onClick?: () => void
}

export interface EmptyProps {
  description: string
  image?: 'default' | 'error' | 'network' | 'search'
  children?: ReactNode
}

export interface LoadingProps {
  size?: string
  vertical?: boolean
  children?: ReactNode
}

export interface SkeletonProps {
  loading: boolean
  rows?: number
  title?: boolean
  avatar?: boolean
  children?: ReactNode
}

export type ToastType = 'text' | 'success' | 'fail' | 'loading'

export interface ToastState {
  show: boolean
  message: string
  type: ToastType
}

export interface DialogState {
  show: boolean
  title: string
  message: string
  confirmText: string
  cancelText: string
  showCancel: boolean
}
