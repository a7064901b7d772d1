import { Text } from '@tarojs/components'
import type { TagProps } from './types'
import './h5.css'

export function Tag(p: TagProps) {
  const cls = ['m-tag', `m-tag--${p.type ?? 'default'}`]
  if (p.plain) cls.push('m-tag--plain')
  if (p.round) cls.push('m-tag--round')
  return <Text className={cls.join(' ')}>{p.children}</Text>
}
