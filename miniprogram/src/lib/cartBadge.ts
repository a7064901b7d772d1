import Taro, { useDidShow } from '@tarojs/taro'
import { call } from '../api'
import { sessionStore } from '../stores/session'
import { badgeText } from '../ui/badge'

/** The cart's place in app.config's tab bar. */
const CART_TAB = 2

// units in the server cart as last seen; null = not known yet (read once, after the first screen)
let units: number | null = null
let reading = false
// another h5 dev identity has another cart
sessionStore.subscribe((s, prev) => {
  if (s.devIdentity?.openid !== prev.devIdentity?.openid) units = null
})

function apply(): void {
  // WeChat sets tab bar badges from tab pages only: a count learnt elsewhere waits for the next tab show
  const done = () => undefined
  if (units) void Taro.setTabBarBadge?.({ index: CART_TAB, text: badgeText(units) })?.catch(done)
  else void Taro.removeTabBarBadge?.({ index: CART_TAB })?.catch(done)
}

/** What a cart answer (cart.get, cart.add, …) says: the badge follows it. */
export function noteCart(cart: { items: Array<{ quantity: number }> }, onTabPage = false): void {
  units = cart.items.reduce((n, i) => n + i.quantity, 0)
  if (onTabPage) apply()
}

/**
 * On every tab page: shows the cart count on the cart tab, reading the cart once if nobody has yet. Home
 * passes `read: false`: its first screen is one cloud call, so it only shows a count already known.
 */
export function useCartBadge({ read = true } = {}): void {
  useDidShow(() => {
    if (units !== null) return apply()
    if (reading || !read) return
    reading = true
    call('cart.get', {})
      .then((c) => noteCart(c, true))
      .catch(() => undefined)
      .finally(() => {
        reading = false
      })
  })
}
