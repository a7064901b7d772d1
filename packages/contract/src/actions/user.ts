import * as v from 'valibot'
import { Cursor, Id, PageSize } from '../common'
import { action } from '../define'
import type { ProductCard } from './catalog'

/**
 * Favourites and footprints, always the caller's own (scoped by the openid the platform gives, never by an
 * id from the client). Search history stays on the device (the mini-program keeps it in a store).
 */
export interface SavedProduct extends ProductCard {
  status: 'onShelf' | 'offShelf'
  /** epoch ms when favourited / last viewed */
  at: number
}

export interface SavedPage {
  items: SavedProduct[]
  cursor: string | null
}

const Page = v.strictObject({ cursor: v.optional(Cursor), pageSize: v.optional(PageSize, 20) })
const SpuIds = v.pipe(v.array(Id), v.minLength(1), v.maxLength(50))

/** At most this many favourites per shopper. */
export const FAVORITES_MAX = 500

/** History filters of the wallet page. */
export const WALLET_FILTERS = ['all', 'recharge', 'pay', 'refund', 'withdraw'] as const
export type WalletFilter = (typeof WALLET_FILTERS)[number]

export const userActions = {
  /**
   * The storage folder the caller's photos go to (`<area>/<openid>/`): the mini-program does not know its
   * openid, and the server refuses a photo from any other folder.
   */
  'user.uploadFolder': action<{ folder: string }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ area: v.picklist(['aftersale', 'review', 'avatar']) }),
  }),
  'user.favorites.list': action<SavedPage>()({ fn: 'shop', audience: 'shopper', input: Page }),
  'user.favorites.add': action<{ favorite: true }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ spuId: Id }),
  }),
  'user.favorites.remove': action<{ removed: number }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ spuIds: SpuIds }),
  }),
  'user.footprints.list': action<SavedPage>()({ fn: 'shop', audience: 'shopper', input: Page }),
  /** spuIds absent = clear every footprint */
  'user.footprints.clear': action<{ removed: number }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ spuIds: v.optional(SpuIds) }),
  }),
  /**
   * The caller's balance, its buckets and ledger entries newest first (no wallet yet = balance 0); `filter`
   * narrows the history (recharge = recharge + bonus, withdraw = withdraw + withdrawReversal), `cursor`
   * pages on.
   */
  'user.wallet': action<WalletView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      limit: v.optional(PageSize, 20),
      cursor: v.optional(Cursor),
      filter: v.optional(v.picklist(WALLET_FILTERS)),
    }),
  }),
}

export interface WalletEntryView {
  id: string
  /** signed fen: + recharge/refund/bonus, - payment/withdrawal */
  amount: number
  /** signed: the part of amount that is bonus money */
  bonusAmount: number
  kind: string
  /** Chinese label for the entry kind */
  label: string
  balanceAfter?: number
  /** epoch ms */
  at: number
}

export interface WalletView {
  /** fen, spendable (principal + bonus; open withdrawals are already out of it) */
  balance: number
  /** fen: the bonus part of the balance (spent last, never withdrawable) */
  bonus: number
  /** fen held by open withdrawals */
  frozen: number
  /** fen: balance - bonus */
  withdrawable: number
  entries: WalletEntryView[]
  /** more history: pass back as `cursor` */
  cursor: string | null
}
