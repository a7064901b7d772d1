import path from 'node:path'
import { CloudbaseError } from '../core/errors'

/** Bucket names look like `<hex of the env's first 2 chars>-<envId>-<appid-ish number>` (PROTOCOL §8.1). */
export function bucketOf(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2), 'utf8').toString('hex')}-${envId}-1250000000`
}

export function fileIdOf(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`
}

/** `cloud://<env>.<bucket>/<path>` -> `{env, path}`; undefined when it is not one of ours. */
export function parseFileId(fileId: unknown): { env: string; path: string } | undefined {
  if (typeof fileId !== 'string') return undefined
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId)
  if (!m) return undefined
  const env = m[1]!
  if (m[2] !== bucketOf(env)) return undefined
  return { env, path: m[3]! }
}

/**
 * Validates a cloud path: relative, no `..`/`.` segments, no backslashes or control characters.
 * Throws INVALID_PARAM so nothing outside the storage dir can ever be named.
 */
export function checkCloudPath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0)
    throw new CloudbaseError('INVALID_PARAM', 'cloudPath must be a non-empty string')
  if (p.length > 1024) throw new CloudbaseError('INVALID_PARAM', 'cloudPath is longer than 1024 characters')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(p))
    throw new CloudbaseError(
      'INVALID_PARAM',
      `cloudPath contains a forbidden character: ${JSON.stringify(p)}`,
    )
  if (p.startsWith('/')) throw new CloudbaseError('INVALID_PARAM', 'cloudPath must not start with "/"')
  const segments = p.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    throw new CloudbaseError('INVALID_PARAM', `cloudPath has an empty, "." or ".." segment: ${p}`)
  return p
}

export function checkEnv(env: unknown): string {
  if (typeof env !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(env))
    throw new CloudbaseError('INVALID_PARAM', `invalid env: ${String(env)}`)
  return env
}

/** The file on disk; re-checks that the resolved path stays under `root` (defence in depth). */
export function diskPath(root: string, env: string, cloudPath: string): string {
  checkEnv(env)
  checkCloudPath(cloudPath)
  const base = path.resolve(root, env)
  const full = path.resolve(base, ...cloudPath.split('/'))
  if (!full.startsWith(base + path.sep))
    throw new CloudbaseError('INVALID_PARAM', `cloudPath escapes the storage root: ${cloudPath}`)
  return full
}

/** Percent-encodes each segment (2.x's `request` rejects raw non-ASCII URLs, PROTOCOL §8.1). */
export const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/')

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export const contentTypeOf = (p: string): string =>
  TYPES[path.extname(p).toLowerCase()] ?? 'application/octet-stream'
