import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initPrivacy } from './stores/privacy'
import './app.css'

// Stores hydrate lazily from Taro storage on first use; at launch only the privacy consent is wired:
// WeChat's onNeedPrivacyAuthorization opens our popup, h5 asks once at first launch.
function App({ children }: PropsWithChildren) {
  useLaunch(() => initPrivacy())
  return children
}

export default App
