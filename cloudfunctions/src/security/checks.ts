/**
 * `mediaChecks/<traceId>`: one image's content-security check. Two writers race for it, the owner's
 * checkPhotos (who, which file, which document) and the verdict push (the status); whichever comes second
 * merges into what the first wrote, so neither the verdict nor the owner is lost.
 */
import type { Database } from '../cloud'
import { byId, list, updatedCount } from '../db'

export const MEDIA_CHECKS = 'mediaChecks'

export type CheckStatus = 'pending' | 'pass' | 'rejected'

export interface MediaCheckDoc {
  _id: string
  fileID?: string
  openid?: string
  owner?: { collection: string; id: string }
  status: CheckStatus
  createdAt?: number
  suggest?: string
  label?: number
  verdictAt?: number
}

/**
 * Updates the document when it exists, otherwise creates it from `create`; an add that loses the race to
 * the other writer (duplicate _id) becomes the update. `where` narrows which existing documents may change.
 */
export async function mergeCheck(
  db: Database,
  id: string,
  fields: Partial<MediaCheckDoc>,
  create: Omit<MediaCheckDoc, '_id'>,
  where: object = {},
): Promise<void> {
  const coll = db.collection(MEDIA_CHECKS)
  const update = () =>
    updatedCount(coll.where({ _id: id, ...where }).update({ data: fields }) as Promise<unknown>)
  if ((await update()) > 0) return
  if (await byId<MediaCheckDoc>(coll, id)) return
  try {
    await coll.add({ data: { _id: id, ...create } })
  } catch (e) {
    // The other writer created it in between: merge into theirs.
    if (!(await byId<MediaCheckDoc>(coll, id))) throw e
    await update()
  }
}

export async function readChecks(db: Database, ids: string[]): Promise<Map<string, MediaCheckDoc>> {
  const out = new Map<string, MediaCheckDoc>()
  if (ids.length === 0) return out
  const _ = db.command
  const docs = await list<MediaCheckDoc>(
    db
      .collection(MEDIA_CHECKS)
      .where({ _id: _.in(ids) })
      .limit(ids.length),
  )
  for (const d of docs) out.set(d._id, d)
  return out
}
