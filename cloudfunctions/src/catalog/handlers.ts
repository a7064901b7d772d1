import type { Handler } from '../router'
import { loadHome } from './home'

export const catalogHandlers = {
  'catalog.home': (async (_input, ctx) => loadHome(ctx)) as Handler<'catalog.home'>,
}
