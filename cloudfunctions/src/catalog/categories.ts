import type { CategoryNode } from '@mall/contract'
import type { Ctx } from '../router'
import { list } from '../db'
import type { CategoryDoc } from './docs'
import { imageResolver } from './images'

/** The whole 3-level tree (a few hundred documents at most) for the category tab and its sidebar. */
export async function loadCategoryTree(ctx: Ctx): Promise<{ tree: CategoryNode[] }> {
  const docs = await list<CategoryDoc>(
    ctx.db
      .collection('categories')
      .orderBy('level', 'asc')
      .orderBy('sort', 'asc')
      .orderBy('_id', 'asc')
      .limit(1000),
  )
  const img = await imageResolver(docs.map((d) => d.icon))
  const nodes = new Map<string, CategoryNode>()
  const roots: CategoryNode[] = []
  for (const d of docs) {
    const node: CategoryNode = { id: d._id, name: d.name, icon: img(d.icon), level: d.level, children: [] }
    nodes.set(d._id, node)
    if (d.level === 1) roots.push(node)
    else nodes.get(d.parentId ?? '')?.children.push(node)
  }
  return { tree: roots }
}
