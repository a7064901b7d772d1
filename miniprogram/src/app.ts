import { type PropsWithChildren } from 'react'
import './app.css'

// Stores hydrate lazily from Taro storage on first use; the app shell itself has nothing to do at launch.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
