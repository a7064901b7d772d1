import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PhotoView } from '@mall/contract'
import './aftersale.css'

const PLACEHOLDER = { pending: '审核中', rejected: '未通过审核' } as const

/**
 * Photos of a request. Only passed photos are drawn; the owner sees a placeholder for the others
 * (the content check may still be running, and a refused one must never be shown).
 */
export function PhotoGrid({ photos, hidden = 0 }: { photos: PhotoView[]; hidden?: number }) {
  const visible = photos.filter((p) => p.status === 'pass').map((p) => p.url)
  if (photos.length === 0 && hidden === 0) return null
  return (
    <View className="as-photos">
      {photos.map((p, i) =>
        p.status === 'pass' ? (
          <Image
            key={`${i}-${p.url}`}
            className="as-photo"
            src={p.url}
            mode="aspectFill"
            onClick={() => void Taro.previewImage({ urls: visible, current: p.url })}
          />
        ) : (
          <View key={`${i}-${p.url}`} className={`as-photo as-photo--${p.status}`}>
            {PLACEHOLDER[p.status]}
          </View>
        ),
      )}
      {hidden > 0 ? <View className="as-photos__hidden">{hidden} 张图片审核中</View> : null}
    </View>
  )
}
