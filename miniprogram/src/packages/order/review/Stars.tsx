import { Text, View } from '@tarojs/components'

const LABELS = ['', '非常差', '差', '一般', '好', '非常好']

/** 1-5 stars as text (h5 and weapp look the same); read-only without onChange. */
export function Stars({ value, onChange }: { value: number; onChange?: (n: number) => void }) {
  return (
    <View className="rv-stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          role={onChange ? 'button' : undefined}
          aria-label={`${n}星`}
          className={`rv-star${n <= value ? ' rv-star--on' : ''}`}
          onClick={() => onChange?.(n)}
        >
          {n <= value ? '★' : '☆'}
        </View>
      ))}
      {onChange && value > 0 ? <Text className="rv-stars__label">{LABELS[value]}</Text> : null}
    </View>
  )
}
