import { Text, View } from '@tarojs/components'
import './aftersale.css'

const LABELS = ['', '非常不满意', '不满意', '一般', '满意', '非常满意']

/** 1-5 stars; read-only without onChange. Plain text stars so h5 and weapp look the same. */
export function Stars({ value, onChange }: { value: number; onChange?: (score: number) => void }) {
  return (
    <View className="as-stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          role={onChange ? 'button' : undefined}
          aria-label={`${n}星`}
          className={`as-star${n <= value ? ' as-star--on' : ''}`}
          onClick={() => onChange?.(n)}
        >
          {n <= value ? '★' : '☆'}
        </View>
      ))}
      {value > 0 ? <Text className="as-stars__label">{LABELS[value]}</Text> : null}
    </View>
  )
}
