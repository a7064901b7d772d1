/**
 * Home: the first screen in ONE call (banners, category shortcuts, hot words, first feed page) and the feed's
 * next pages. The feed opens with a personalised head (best sellers of the leaf categories the shopper
 * looked at or favourited most) followed by best sellers overall; the cursor carries the head's ids so later
 * pages never repeat them, and (sales, _id) so ties never duplicate or skip.
 */
import type { FeedPage, HomeScreen } from '@mall/contract'
import type { Ctx } from '../router'
import { list } from '../db'
import type { BannerDoc, CategoryDoc, FavoriteDoc, FootprintDoc, SearchWordDoc } from './docs'
import { CARD_FIELDS, toCards, type CardDoc } from './cards'
import { decodeCursor, encodeCursor } from './cursor'
import { imageResolver } from './images'

const PAGE = 20
const HEAD = 6
const FEED = 'feed'

export async function loadHome(ctx: Ctx): Promise<HomeScreen> {
  const db = ctx.db
  const [banners, categories, words, feed] = await Promise.all([
    list<BannerDoc>(db.collection('banners').where({ active: true }).orderBy('sort', 'asc').limit(5)),
    list<CategoryDoc>(db.collection('categories').where({ level: 1 }).orderBy('sort', 'asc').limit(10)),
    hotWords(ctx),
    firstFeedPage(ctx, PAGE),
  ])
  const img = await imageResolver([...banners.map((b) => b.image), ...categories.map((c) => c.icon)])
  return {
    banners: banners.map((b) => ({ id: b._id, image: img(b.image), title: b.title, link: b.link })),
    categories: categories.map((c) => ({ id: c._id, name: c.name, icon: img(c.icon) })),
    feed,
    hotWords: words,
  }
}

export async function hotWords(ctx: Ctx): Promise<string[]> {
  const words = await list<SearchWordDoc>(
    ctx.db.collection('searchWords').where({ hot: true }).orderBy('weight', 'desc').limit(10),
  )
  return words.map((w) => w.word)
}

/** Leaf categories the shopper cares about, most first: favourites weigh 3, recent footprints 2, older 1. */
export async function preferredCategories(ctx: Ctx, max = 2): Promise<string[]> {
  const db = ctx.db
  const [prints, favs] = await Promise.all([
    list<FootprintDoc>(
      db.collection('footprints').where({ openid: ctx.openid }).orderBy('at', 'desc').limit(30),
    ),
    list<FavoriteDoc & { categoryId?: string }>(
      db.collection('favorites').where({ openid: ctx.openid }).orderBy('createdAt', 'desc').limit(30),
    ),
  ])
  const score = new Map<string, number>()
  const add = (id: string | undefined, w: number) => id && score.set(id, (score.get(id) ?? 0) + w)
  prints.forEach((p, i) => add(p.categoryId, i < 10 ? 2 : 1))
  favs.forEach((f) => add(f.categoryId, 3))
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([id]) => id)
}

async function firstFeedPage(ctx: Ctx, size: number): Promise<FeedPage> {
  const _ = ctx.db.command
  const cats = await preferredCategories(ctx)
  const head = cats.length
    ? await list<CardDoc>(
        ctx.db
          .collection('products')
          .where({ status: 'onShelf', cat3: _.in(cats), stock: _.gt(0) })
          .orderBy('sales', 'desc')
          .orderBy('_id', 'asc')
          .field(CARD_FIELDS)
          .limit(HEAD),
      )
    : []
  return bestSellers(ctx, size, head, undefined)
}

export async function loadFeed(ctx: Ctx, cursor: string | undefined, size: number): Promise<FeedPage> {
  if (!cursor) return firstFeedPage(ctx, size)
  return bestSellers(ctx, size, [], decodeCursor(cursor, FEED))
}

async function bestSellers(
  ctx: Ctx,
  size: number,
  head: CardDoc[],
  after: { k: string | number; i: string; x?: string[] } | undefined,
): Promise<FeedPage> {
  const _ = ctx.db.command
  const shown = [...(after?.x ?? []), ...head.map((h) => h._id)]
  const conds: object[] = [{ status: 'onShelf' }]
  if (after) {
    if (typeof after.k !== 'number') return { items: [], cursor: null }
    conds.push({ sales: _.lte(after.k) }, _.or([{ sales: _.lt(after.k) }, { _id: _.gt(after.i) }]))
  }
  if (shown.length) conds.push({ _id: _.nin(shown) })
  const want = size - head.length
  const rest = await list<CardDoc>(
    ctx.db
      .collection('products')
      .where(_.and(conds as never[]))
      .orderBy('sales', 'desc')
      .orderBy('_id', 'asc')
      .field(CARD_FIELDS)
      .limit(want + 1),
  )
  const more = rest.length > want
  const page = rest.slice(0, want)
  const last = page[page.length - 1]
  return {
    items: await toCards(ctx, [...head, ...page]),
    cursor: more && last ? encodeCursor({ o: FEED, k: last.sales, i: last._id, x: shown }) : null,
  }
}
