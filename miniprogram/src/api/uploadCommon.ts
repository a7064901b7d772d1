import Taro from '@tarojs/taro'
import { call } from './index'
import { requirePrivacy } from '../stores/privacy'

export type PhotoArea = 'aftersale' | 'review' | 'avatar'

const EXT_RE = /\.(png|jpe?g|webp)$/i

/** The file's extension from a temp path or a MIME type; jpg when neither says. */
export function photoExt(pathOrType: string): string {
  const fromType = /^image\/(png|jpeg|webp)$/i.exec(pathOrType)?.[1]
  const ext = (fromType ?? EXT_RE.exec(pathOrType)?.[1] ?? 'jpg').toLowerCase()
  return ext === 'jpeg' ? 'jpg' : ext
}

const folders: Partial<Record<PhotoArea, Promise<string>>> = {}

/**
 * `<area>/<openid>/<timestamp>-<random>.<ext>`: the only folder the server accepts the shopper's photos from.
 * The mini-program never knows its openid, so the server names the folder (asked once per area).
 */
export async function photoCloudPath(area: PhotoArea, ext: string): Promise<string> {
  const folder = (folders[area] ??= call('user.uploadFolder', { area }).then((r) => r.folder))
  try {
    return `${await folder}${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`
  } catch (e) {
    delete folders[area]
    throw e
  }
}

/** Picks up to `max` photos (compressed: smaller uploads, and WeChat checks them faster). */
export async function choosePhotos(max: number): Promise<string[]> {
  const count = Math.max(1, Math.min(9, Math.floor(max)))
  // the album and camera are privacy APIs: never before consent (refused = nothing picked)
  if (!(await requirePrivacy())) return []
  const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  return res.tempFilePaths.slice(0, count)
}
