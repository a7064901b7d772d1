import { View } from '@tarojs/components'
import { Popup, RadioGroup } from '../../../ui'

interface Props {
  show: boolean
  reasons: string[]
  value: string
  onPick: (reason: string) => void
  onClose: () => void
}

/** The server's reasons only: it refuses any other text. */
export function ReasonPicker({ show, reasons, value, onPick, onClose }: Props) {
  return (
    <Popup show={show} position="bottom" round closeable onClose={onClose}>
      <View className="as-form">
        <View className="as-form__title">申请原因</View>
        <RadioGroup value={value} options={reasons.map((r) => ({ name: r, label: r }))} onChange={onPick} />
      </View>
    </Popup>
  )
}
