import type { Handler } from '../router'
import { loadCategoryTree } from './categories'
import { hotWords, loadFeed, loadHome } from './home'
import { productDetail, reviews, skuStock } from './product'
import { recommend } from './recommend'
import { search } from './search'

export const catalogHandlers = {
  'catalog.home': (async (_input, ctx) => loadHome(ctx)) as Handler<'catalog.home'>,
  'catalog.feed': (async (input, ctx) =>
    loadFeed(ctx, input.cursor, input.pageSize)) as Handler<'catalog.feed'>,
  'catalog.categories': (async (_input, ctx) => loadCategoryTree(ctx)) as Handler<'catalog.categories'>,
  'catalog.hotWords': (async (_input, ctx) => ({
    words: await hotWords(ctx),
  })) as Handler<'catalog.hotWords'>,
  'catalog.search': (async (input, ctx) => search(ctx, input)) as Handler<'catalog.search'>,
  'catalog.product': (async (input, ctx) => productDetail(ctx, input.id)) as Handler<'catalog.product'>,
  'catalog.skuStock': (async (input, ctx) => skuStock(ctx, input.skuIds)) as Handler<'catalog.skuStock'>,
  'catalog.reviews': (async (input, ctx) => reviews(ctx, input)) as Handler<'catalog.reviews'>,
  'catalog.recommend': (async (input, ctx) => recommend(ctx, input)) as Handler<'catalog.recommend'>,
}
