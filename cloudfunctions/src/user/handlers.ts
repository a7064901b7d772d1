import type { Handler } from '../router'
import { addFavorite } from './favorites'
import { listSaved, removeSaved } from './saved'
import { pruneFootprints } from './footprints'
import { walletView } from './wallet'

/** Favourites and footprints; search history stays on the device (mini-program store). */
export const userHandlers = {
  'user.uploadFolder': (async (input, ctx) => ({
    folder: `${input.area}/${ctx.openid}/`,
  })) as Handler<'user.uploadFolder'>,
  'user.favorites.list': (async (input, ctx) =>
    listSaved(ctx, 'favorites', input)) as Handler<'user.favorites.list'>,
  'user.favorites.add': (async (input, ctx) =>
    addFavorite(ctx, input.spuId)) as Handler<'user.favorites.add'>,
  'user.favorites.remove': (async (input, ctx) =>
    removeSaved(ctx, 'favorites', input.spuIds)) as Handler<'user.favorites.remove'>,
  'user.footprints.list': (async (input, ctx) => {
    if (!input.cursor) await pruneFootprints(ctx)
    return listSaved(ctx, 'footprints', input)
  }) as Handler<'user.footprints.list'>,
  'user.footprints.clear': (async (input, ctx) =>
    removeSaved(ctx, 'footprints', input.spuIds)) as Handler<'user.footprints.clear'>,
  'user.wallet': (async (input, ctx) => walletView(ctx, input)) as Handler<'user.wallet'>,
}
