import { createStore } from 'zustand/vanilla'

// The address book opened "to choose" hands the chosen id back to the checkout page that opened it.
export const addressPickStore = createStore<{ picked: string | null }>(() => ({ picked: null }))

export const pickAddress = (id: string) => addressPickStore.setState({ picked: id })

/** Returns the id chosen since the last take, once. */
export function takePickedAddress(): string | null {
  const id = addressPickStore.getState().picked
  if (id) addressPickStore.setState({ picked: null })
  return id
}
