import { Image, Text, View } from '@tarojs/components'
import { toast } from '../../../ui'
import { MAX_PHOTOS, type usePhotos } from '../../../lib/usePhotos'

const STATE = { uploading: '上传中…', failed: '上传失败，点击重试', done: '' } as const

/** Up to six photos: each shows its upload state and a × to remove it. */
export function PhotoPicker({ photos }: { photos: ReturnType<typeof usePhotos> }) {
  const done = photos.slots.filter((s) => s.state === 'done').length
  return (
    <View className="as-block">
      <View className="as-block__title">
        上传凭证
        <Text className="as-block__hint">
          {photos.slots.length > 0 ? `已上传 ${done}/${photos.slots.length}，` : ''}最多{MAX_PHOTOS}张
        </Text>
      </View>
      <View className="as-photos">
        {photos.slots.map((s) => (
          <View key={s.key} className="apply-photo">
            <Image className="as-photo" src={s.tempPath} mode="aspectFill" />
            {s.state !== 'done' ? (
              <View
                className={`apply-photo__mask apply-photo__mask--${s.state}`}
                onClick={() => s.state === 'failed' && photos.retry(s.key)}
              >
                {STATE[s.state]}
              </View>
            ) : null}
            <View
              className="apply-photo__remove"
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
            className="as-photo apply-photo__add"
            role="button"
            aria-label="添加图片"
            onClick={() => void photos.add().then((msg) => msg && toast(msg))}
          >
            <Text className="apply-photo__plus">+</Text>
            <Text>添加图片</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}
