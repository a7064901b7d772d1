/**
 * `POST /storage/upload?cloudPath=<area>/<openid>/<name>`: the h5 build's stand-in for `wx.cloud.uploadFile`.
 * Raw image body; the caller's dev identity decides which folders it may write, as a storage rule
 * "own folder only" would on CloudBase. Answers `{fileID}` in the SDK's `cloud://<env>.<bucket>/<path>` form.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLarge, readBody } from '../core/body'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
const AREAS = new Set(['aftersale', 'review', 'avatar'])
const NAME_RE = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/

/** Content type -> the file extensions and leading bytes a real image of that type has. */
const IMAGE_TYPES: Record<string, { ext: string[]; magic: (b: Buffer) => boolean }> = {
  'image/png': {
    ext: ['.png'],
    magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/webp': {
    ext: ['.webp'],
    magic: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
}

export interface UploadDeps {
  /** Writes into emulator storage and returns the fileID. */
  put(cloudPath: string, bytes: Buffer): string
  whoIs(req: IncomingMessage): { openid: string } | 'missing' | 'malformed'
  send(res: ServerResponse, status: number, body: unknown): void
  maxBytes?: number
}

const failure = (code: string, message: string) => ({ ok: false, code, message })

export function uploadHandler(d: UploadDeps) {
  const max = d.maxBytes ?? MAX_UPLOAD_BYTES
  return async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const who = d.whoIs(req)
    if (who === 'missing')
      return d.send(res, 401, failure('UNAUTHENTICATED', '缺少 x-mall-dev-openid：请先选择测试身份'))
    if (who === 'malformed') return d.send(res, 400, failure('BAD_IDENTITY', 'x-mall-dev-openid 格式不正确'))
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase()
    const image = IMAGE_TYPES[type]
    if (!image) return d.send(res, 415, failure('UNSUPPORTED_MEDIA_TYPE', '只能上传 PNG、JPEG 或 WebP 图片'))
    const cloudPath = url.searchParams.get('cloudPath') ?? ''
    const [area, owner, name, ...rest] = cloudPath.split('/')
    if (!area || !AREAS.has(area) || !owner || !name || rest.length > 0 || !NAME_RE.test(name))
      return d.send(
        res,
        400,
        failure('BAD_PATH', 'cloudPath 必须是 aftersale/<openid>/<文件名> 或 review/<openid>/<文件名>'),
      )
    if (owner !== who.openid) return d.send(res, 403, failure('FORBIDDEN_PATH', '只能上传到自己的目录'))
    if (!image.ext.some((e) => name.toLowerCase().endsWith(e)))
      return d.send(res, 400, failure('BAD_PATH', '文件扩展名与图片类型不一致'))
    let bytes: Buffer
    try {
      bytes = await readBody(req, max)
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return d.send(res, 413, failure('PAYLOAD_TOO_LARGE', `图片超过 ${max / 1024 / 1024} MB`))
      return d.send(res, 400, failure('BAD_REQUEST', '无法读取请求体'))
    }
    // The declared type alone would let any bytes (an HTML page, say) be stored under an image name.
    if (!image.magic(bytes)) return d.send(res, 400, failure('NOT_AN_IMAGE', '文件内容不是所声明的图片格式'))
    d.send(res, 200, { fileID: d.put(cloudPath, bytes) })
  }
}
