/** Shopper photo uploads on weapp; import from subpackages only (the main package budget is tight). */
import Taro from '@tarojs/taro'
import { ApiError } from './errors'
import { photoCloudPath, photoExt, type PhotoArea } from './uploadCommon'

export { choosePhotos } from './uploadCommon'

let initialised = false

/** Uploads the picked photo into `<area>/<openid>/` and answers its fileID (cloud://...). */
export async function uploadPhoto(area: PhotoArea, tempFilePath: string): Promise<string> {
  if (!initialised) {
    // Same init as the call transport: an upload may be the first cloud call of a session.
    Taro.cloud.init(MALL_CLOUD_ENV ? { env: MALL_CLOUD_ENV, traceUser: true } : { traceUser: true })
    initialised = true
  }
  try {
    const cloudPath = await photoCloudPath(area, photoExt(tempFilePath))
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath })
    return res.fileID
  } catch {
    throw new ApiError('NETWORK', '图片上传失败，请重试')
  }
}
