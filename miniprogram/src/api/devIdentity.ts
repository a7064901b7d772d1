import { sessionStore, type DevIdentity } from '../stores/session'

let pending: Promise<DevIdentity | null> | null = null

/**
 * h5 only: the identity to act as. The gateway assumes nobody (so a foreign page cannot act as a shopper),
 * hence the app itself adopts the emulator's first demo shopper until one is picked on the 我的 tab.
 */
export function devIdentity(base: string): Promise<DevIdentity | null> {
  const chosen = sessionStore.getState().devIdentity
  if (chosen) return Promise.resolve(chosen)
  // Concurrent first-screen calls share one look-up.
  pending ??= firstShopper(base).finally(() => {
    pending = null
  })
  return pending
}

async function firstShopper(base: string): Promise<DevIdentity | null> {
  let list: unknown
  try {
    list = ((await (await fetch(`${base}/__dev/identities`)).json()) as { identities?: unknown })?.identities
  } catch {
    return null
  }
  if (!Array.isArray(list)) return null
  const shopper = (list as Array<Record<string, unknown> | null>).find(
    (i) => i?.role === 'shopper' && typeof i.openid === 'string',
  )
  if (!shopper) return null
  const openid = shopper.openid as string
  const name = typeof shopper.name === 'string' ? shopper.name : openid
  // A pick made on the 我的 tab meanwhile wins.
  if (!sessionStore.getState().devIdentity) sessionStore.getState().setDevIdentity({ openid, name })
  return sessionStore.getState().devIdentity
}
