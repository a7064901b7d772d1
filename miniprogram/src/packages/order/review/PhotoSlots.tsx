import { Image, Text, View } from '@tarojs/components'
import { toast } from '../../../ui'
import { MAX_PHOTOS, type usePhotos } from '../../../lib/usePhotos'

const MASK = { uploading: '上传中…', failed: '上传失败，点击重试', done: '' } as const

export function PhotoSlots({ photos }: { photos: ReturnType<typeof usePhotos> }) {
  return (
    <View className="rv-photos">
      {photos.slots.map((s) => (
        <View key={s.key} className="rv-photo">
          <Image className="rv-photo__img" src={s.tempPath} mode="aspectFill" />
          {s.state !== 'done' ? (
            <View className="rv-photo__mask" onClick={() => s.state === 'failed' && photos.retry(s.key)}>
              {MASK[s.state]}
            </View>
          ) : null}
          <View
            className="rv-photo__remove"
            role="button"
            aria-label="删除图片"
            onClick={() => photos.remove(s.key)}
          >
            ×
          </View>
        </View>
      ))}
      {photos.slots.length < MAX_PHOTOS ? (
        <View
          className="rv-photo rv-photo__add"
          role="button"
          aria-label="添加图片"
          onClick={() => void photos.add().then((msg) => msg && toast(msg))}
        >
          <Text className="rv-photo__plus">+</Text>
          <Text>晒图（最多{MAX_PHOTOS}张）</Text>
        </View>
      ) : null}
    </View>
  )
}
