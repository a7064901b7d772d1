/**
 * Shopper photo uploads on h5: there is no `wx.cloud.uploadFile`, so the picked blob goes to the emulator
 * gateway's `POST /storage/upload`. Import from subpackages only (the main package budget is tight).
 */
import { devIdentity } from './devIdentity'
import { ApiError } from './errors'
import { gatewayUrl } from './transport.h5'
import { photoCloudPath, photoExt, type PhotoArea } from './uploadCommon'

export { choosePhotos } from './uploadCommon'

/** Uploads the picked photo (a blob: URL) into `<area>/<openid>/` and answers its fileID (cloud://...). */
export async function uploadPhoto(area: PhotoArea, tempFilePath: string): Promise<string> {
  let res: Response
  try {
    const blob = await (await fetch(tempFilePath)).blob()
    const ext = photoExt(blob.type || tempFilePath)
    const type = ext === 'jpg' ? 'image/jpeg' : `image/${ext}`
    const who = (await devIdentity(gatewayUrl()))?.openid ?? ''
    const cloudPath = encodeURIComponent(await photoCloudPath(area, ext))
    res = await fetch(`${gatewayUrl()}/storage/upload?cloudPath=${cloudPath}`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-mall-dev-openid': who },
      body: blob,
    })
  } catch {
    throw new ApiError('NETWORK', '图片上传失败，请重试')
  }
  const body = (await res.json().catch(() => null)) as { fileID?: unknown; message?: unknown } | null
  if (res.ok && typeof body?.fileID === 'string') return body.fileID
  throw new ApiError('PHOTO_INVALID', typeof body?.message === 'string' ? body.message : undefined)
}
