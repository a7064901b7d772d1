/**
 * Shopper photos (after-sales, reviews) through `security.mediaCheckAsync` v2. The verdict arrives later as
 * the `wxa_media_check` push (function wxEvents); until it says `pass` a photo is shown to nobody but its
 * owner, and to the owner only as a placeholder (fail closed).
 */
import type { PhotoView } from '@mall/contract'
import { getCloud, type Database } from '../cloud'
import { fail } from '../errors'
import { log } from '../log'
import { imageResolver, resolveImages } from '../catalog/images'
import { mergeCheck, readChecks, type CheckStatus } from './checks'

export { applyMediaVerdict, onMediaVerdict, recomputeOwner } from './verdict'

export interface PhotoRef {
  fileID: string
  traceId: string
}
export type PhotoStatus = CheckStatus

const MAX_PHOTOS = 6
const FILE_ID_RE =
  /^cloud:\/\/[A-Za-z0-9._-]+\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-][A-Za-z0-9_.-]*)$/

type Openapi = { security: { mediaCheckAsync(p: object): Promise<{ traceId?: string }> } }

const inFolder = (fileID: string, area: string, openid: string): boolean => {
  const m = FILE_ID_RE.exec(fileID)
  return !!m && m[1] === area && m[2] === openid
}

/**
 * Starts the check of each photo and records it as pending under its trace id. Refuses (PHOTO_INVALID) a
 * file outside `<area>/<openid>/`, a duplicate or a missing file. The owner document must be written after
 * this with the refs, then `recomputeOwner` once: a verdict that lands before the owner exists has no
 * document to update.
 */
export async function checkPhotos(
  db: Database,
  openid: string,
  area: 'aftersale' | 'review' | 'avatar',
  fileIDs: string[],
  owner: { collection: string; id: string },
  at: number,
): Promise<PhotoRef[]> {
  if (fileIDs.length === 0) return []
  if (fileIDs.length > MAX_PHOTOS) fail('PHOTO_INVALID', `最多上传${MAX_PHOTOS}张图片`)
  if (new Set(fileIDs).size !== fileIDs.length) fail('PHOTO_INVALID', '图片重复')
  if (!fileIDs.every((id) => inFolder(id, area, openid))) fail('PHOTO_INVALID')
  // A temp URL exists only for a stored file; it is also what mediaCheckAsync fetches.
  const urls = await resolveImages(fileIDs)
  if (!fileIDs.every((id) => urls.has(id))) fail('PHOTO_INVALID', '图片不存在，请重新上传')
  const openapi = (getCloud() as unknown as { openapi: Openapi }).openapi
  const refs = await Promise.all(
    fileIDs.map(async (fileID) => {
      let traceId: string | undefined
      try {
        const res = await openapi.security.mediaCheckAsync({
          mediaUrl: urls.get(fileID),
          mediaType: 2,
          version: 2,
          scene: 2,
          openid,
        })
        traceId = res?.traceId
      } catch (e) {
        log('security.media.fail', { fileID, error: e instanceof Error ? e.message : String(e) })
      }
      return traceId ? { fileID, traceId } : fail('CONTENT_CHECK_FAILED')
    }),
  )
  await Promise.all(
    refs.map(({ fileID, traceId }) => {
      const mine = { fileID, openid, owner, createdAt: at }
      return mergeCheck(db, traceId, mine, { ...mine, status: 'pending' })
    }),
  )
  return refs
}

/** Read from mediaChecks every time: a verdict may land before or after the owner document is written. */
export async function photoStatuses(db: Database, refs: PhotoRef[]): Promise<PhotoStatus[]> {
  const docs = await readChecks(
    db,
    refs.map((r) => r.traceId),
  )
  return refs.map((r) => {
    const d = docs.get(r.traceId)
    // A check recorded for another file is not this photo's verdict.
    if (!d || (d.fileID !== undefined && d.fileID !== r.fileID)) return 'pending'
    return d.status === 'pass' || d.status === 'rejected' ? d.status : 'pending'
  })
}

/**
 * The owner sees every photo with its status (url '' until it passed); anyone else (the public, the
 * merchant) only the photos that passed.
 */
export async function photoViews(
  db: Database,
  refs: PhotoRef[],
  audience: 'owner' | 'public' | 'merchant',
): Promise<PhotoView[]> {
  const statuses = await photoStatuses(db, refs)
  const passed = refs.filter((_, i) => statuses[i] === 'pass').map((r) => r.fileID)
  const url = await imageResolver(passed)
  const views = refs.map((r, i) => ({
    url: statuses[i] === 'pass' ? url(r.fileID) : '',
    status: statuses[i]!,
  }))
  return audience === 'owner' ? views : views.filter((v) => v.status === 'pass')
}
