/**
 * Deterministic demo data for the local emulator (`npm start`, `npm run reset`) and for tests.
 *
 * `generateSeed()` returns the documents per collection, the demo identities for the dev sign-in, and the
 * generated PNG files. Same options -> byte-identical output (seeded PRNG, fixed base date, no clock reads).
 * Campaigns run around `now`, the clock the seed is loaded at (seedEmulator passes the emulator's), so the
 * demo shows sales ending in days whenever it is reset.
 *
 * Images: documents store CloudBase fileIDs, `<fileIdPrefix><cloudPath>`, exactly what a real deployment
 * stores after `uploadFile`; the shop function turns fileIDs into temporary URLs with `getTempFileURL`
 * (batched by 50, cached per warm instance). Whoever loads the seed must upload every entry of `files` at its
 * `cloudPath` (emulator storage `put(cloudPath, bytes)`), and pass the prefix the storage hands out:
 * `fileIdPrefix = put(...).fileID` minus the cloudPath. The default matches the emulator's convention for
 * env `local-env` (PROTOCOL §8.1). Values that are not `cloud://` (https URLs) are passed through as is.
 *
 * Wallet balances equal the sum of their ledger entries; every SKU belongs to a product; `p0001` has a sold-out
 * and an "only 3 left" combination, `p0008` is entirely sold out, every 25th product is off shelf.
 */
import { catalogueFiles, avatarPath, generateCatalogue, type SeedFile } from './catalogue'
import {
  generateCoupons,
  generatePeople,
  generateSearchWords,
  generateSettings,
  shopperOpenid,
  type DevIdentity,
} from './people'
import { createRng } from './random'
import { generateRechargePackages } from './wallet'
import { addAdminMembersDemo } from './admin-members'
import { addLoyaltyDemo } from './loyalty'
import { addMemberProfiles } from './members'
import { addWithdrawalDemo } from './withdrawals'

/** The members' demo data on top of the people: the admin members area's, then levels and growth, then profiles. */
const withDemoMembers = <C extends Record<string, object[]>>(base: number, c: C): C =>
  addWithdrawalDemo(addMemberProfiles(base, addLoyaltyDemo(addAdminMembersDemo(base, c))))

export type { DevIdentity, SeedFile }
export { ADMIN_OPENID, shopperOpenid } from './people'
/** The image files alone (they do not depend on the options). */
export const seedFiles = (): SeedFile[] => catalogueFiles()

export const SEED_BASE_DATE = new Date('2026-01-01T00:00:00.000Z')
export const DEFAULT_FILE_ID_PREFIX = 'cloud://local-env.6c6f-local-env-1250000000/'
export const DEFAULT_PRODUCTS = 216

export interface SeedOptions {
  /** number of products (default 216: four per leaf category) */
  products?: number
  fileIdPrefix?: string
  /** epoch ms the seed is loaded at: campaigns started a day before and end 3-10 days after (default: the base date) */
  now?: number
}

export interface Seed {
  collections: Record<string, object[]>
  identities: DevIdentity[]
  files: SeedFile[]
}

export function generateSeed(opts: SeedOptions = {}): Seed {
  const prefix = opts.fileIdPrefix ?? DEFAULT_FILE_ID_PREFIX
  const file = (cloudPath: string) => `${prefix}${cloudPath}`
  const base = SEED_BASE_DATE.getTime()
  const rng = createRng(20260101)
  const people = generatePeople(base, (n) => file(avatarPath(n)))
  const reviewers = [1, 2, 3, 4].map((n) => ({ openid: shopperOpenid(n), avatar: file(avatarPath(n - 1)) }))
  const catalogue = generateCatalogue({
    rng,
    base,
    now: opts.now ?? base,
    products: opts.products ?? DEFAULT_PRODUCTS,
    file,
    reviewers,
  })
  const { couponTemplates, coupons } = generateCoupons(base)
  return {
    collections: withDemoMembers(base, {
      categories: catalogue.categories,
      brands: catalogue.brands,
      products: catalogue.products,
      skus: catalogue.skus,
      reviews: catalogue.reviews,
      banners: catalogue.banners,
      campaigns: catalogue.campaigns,
      users: people.users,
      addresses: people.addresses,
      wallets: people.wallets,
      ledger: people.ledger,
      pointsLedger: people.pointsLedger,
      rechargePackages: generateRechargePackages(base),
      admins: people.admins,
      couponTemplates,
      coupons,
      settings: generateSettings(),
      searchWords: generateSearchWords(),
    }),
    identities: people.identities,
    files: catalogueFiles(),
  }
}
