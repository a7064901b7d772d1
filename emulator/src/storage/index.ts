/**
 * Storage (PROTOCOL §8): upload metadata + COS-like upload endpoint (4.x PUT, 2.x multipart POST),
 * temp URLs, deletes, and downloads over HTTP. Files live on disk under `<dir>/<env>/<cloudPath>`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Busboy from 'busboy'
import { CloudbaseError } from '../core/errors'
import type { ActionRequest, ActionResult, EmulatorModule } from '../core/types'
import { checkCloudPath, checkEnv, contentTypeOf, diskPath, encodePath, fileIdOf, parseFileId } from './paths'

export { fileIdOf, parseFileId, bucketOf } from './paths'

export interface StorageOptions {
  dir: string
  envId: string
  /** Base URL the browser / SDK reaches the emulator at, e.g. `http://127.0.0.1:3000`. */
  publicUrl: () => string
  /** Largest upload accepted (default 20 MB). */
  maxUploadBytes?: number
  log?: (line: string) => void
}

export interface StoredFile {
  env: string
  cloudPath: string
  fileID: string
  size: number
}

export interface Storage {
  module: EmulatorModule
  /** Writes a file in-process (seeding); returns its fileID. */
  put(cloudPath: string, bytes: Buffer | string, env?: string): string
  /** Browser URL of a fileID or cloud path (percent-encoded, served by `/__files/`). */
  publicUrl(fileIdOrPath: string): string
  read(fileId: string): Buffer | undefined
  list(env?: string): StoredFile[]
}

const MAX_BATCH = 50
const DEFAULT_MAX_AGE = 86400

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, '')}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(body)
}

function readAll(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        reject(new CloudbaseError('STORAGE_EXCEED_AUTHORITY', `upload exceeds ${max} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** 2.x uploads: multipart `{Signature, x-cos-security-token, x-cos-meta-fileid, key, file}`. */
function readMultipartFile(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let file: Buffer | undefined
    const bb = Busboy({ headers: req.headers, limits: { fileSize: max, files: 1 } })
    bb.on('file', (_name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () =>
        reject(new CloudbaseError('STORAGE_EXCEED_AUTHORITY', `upload exceeds ${max} bytes`)),
      )
      stream.on('end', () => (file = Buffer.concat(chunks)))
    })
    bb.on('error', reject)
    bb.on('close', () =>
      file
        ? resolve(file)
        : reject(new CloudbaseError('INVALID_PARAM', 'multipart upload without a file part')),
    )
    req.pipe(bb)
  })
}

/** `/__cos/<env>/<encoded path>` or `/__files/<env>/<encoded path>` -> `{env, cloudPath}`. */
function splitUrlPath(prefix: string, pathname: string): { env: string; cloudPath: string } {
  const rest = pathname.slice(prefix.length)
  const slash = rest.indexOf('/')
  if (slash <= 0) throw new CloudbaseError('INVALID_PARAM', 'missing env or path')
  let cloudPath: string
  try {
    cloudPath = rest
      .slice(slash + 1)
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/')
  } catch {
    throw new CloudbaseError('INVALID_PARAM', 'malformed percent-encoding')
  }
  return { env: checkEnv(decodeURIComponent(rest.slice(0, slash))), cloudPath: checkCloudPath(cloudPath) }
}

export function createStorage(opts: StorageOptions): Storage {
  const root = path.resolve(opts.dir)
  const maxUpload = opts.maxUploadBytes ?? 20 * 1024 * 1024
  const log = opts.log ?? (() => {})
  fs.mkdirSync(root, { recursive: true })

  const write = (env: string, cloudPath: string, bytes: Buffer): void => {
    const file = diskPath(root, env, cloudPath)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // Write-then-rename so a concurrent download never sees half a file.
    const tmp = `${file}.${randomBytes(4).toString('hex')}.uploading`
    fs.writeFileSync(tmp, bytes)
    fs.renameSync(tmp, file)
  }
  const exists = (env: string, cloudPath: string): boolean => {
    try {
      return fs.statSync(diskPath(root, env, cloudPath)).isFile()
    } catch {
      return false
    }
  }
  const fileUrl = (env: string, cloudPath: string, encoded: boolean): string =>
    `${opts.publicUrl()}/__files/${env}/${encoded ? encodePath(cloudPath) : cloudPath}`

  const envOf = (req: ActionRequest): string => (req.envName ? req.envName : opts.envId)

  function getUploadMetadata(req: ActionRequest): ActionResult {
    const env = checkEnv(envOf(req))
    const cloudPath = checkCloudPath(req.body.path)
    return {
      json: {
        data: {
          url: `${opts.publicUrl()}/__cos/${env}/${encodePath(cloudPath)}`,
          token: 'local-cos-security-token',
          authorization: 'q-sign-algorithm=sha1&local-emulator',
          fileId: fileIdOf(env, cloudPath),
          cosFileId: `local-cos-file-id-${randomBytes(6).toString('hex')}`,
          download_url: fileUrl(env, cloudPath, false),
        },
      },
    }
  }

  function listOf(v: unknown, name: string): unknown[] {
    if (!Array.isArray(v) || v.length === 0)
      throw new CloudbaseError('INVALID_PARAM', `${name} must be a non-empty array`)
    if (v.length > MAX_BATCH)
      throw new CloudbaseError(
        'INVALID_PARAM',
        `${name} has ${v.length} items; at most ${MAX_BATCH} per call`,
      )
    return v
  }

  function batchGetDownloadUrl(req: ActionRequest): ActionResult {
    const nowS = Math.floor(Date.now() / 1000)
    const download_list = listOf(req.body.file_list, 'file_list').map((item) => {
      const o = (item && typeof item === 'object' ? item : { fileid: item }) as Record<string, unknown>
      const fileID = o.fileid
      const parsed = parseFileId(fileID)
      if (!parsed) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'invalid fileID' }
      let ok = false
      try {
        ok = exists(parsed.env, parsed.path)
      } catch {
        ok = false
      }
      if (!ok) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' }
      const maxAge = typeof o.max_age === 'number' && o.max_age > 0 ? Math.floor(o.max_age) : DEFAULT_MAX_AGE
      // Un-encoded on purpose: the SDK runs encodeURI on it before downloading (PROTOCOL §8.2).
      const tempFileURL = `${fileUrl(parsed.env, parsed.path, false)}?sign=local&t=${nowS + maxAge}`
      return { fileID, tempFileURL, code: 'SUCCESS', maxAge }
    })
    return { json: { data: { download_list } } }
  }

  function batchDeleteFile(req: ActionRequest): ActionResult {
    const delete_list = listOf(req.body.fileid_list, 'fileid_list').map((fileID) => {
      const parsed = parseFileId(fileID)
      if (!parsed) return { fileID, code: 'INVALID_PARAM', message: 'invalid fileID' }
      try {
        fs.unlinkSync(diskPath(root, parsed.env, parsed.path))
        log(`[storage] deleted ${parsed.env}/${parsed.path}`)
        return { fileID, code: 'SUCCESS' }
      } catch {
        return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' }
      }
    })
    return { json: { data: { delete_list } } }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let target: { env: string; cloudPath: string }
    try {
      target = splitUrlPath('/__cos/', url.pathname)
    } catch (e) {
      return xmlError(res, 400, 'InvalidArgument', e instanceof Error ? e.message : 'bad path')
    }
    try {
      const ct = String(req.headers['content-type'] ?? '')
      const bytes =
        req.method === 'POST' && ct.startsWith('multipart/form-data')
          ? await readMultipartFile(req, maxUpload)
          : await readAll(req, maxUpload)
      write(target.env, target.cloudPath, bytes)
      log(`[storage] uploaded ${target.env}/${target.cloudPath} (${bytes.length} bytes)`)
      res.writeHead(200, { 'content-length': '0' })
      res.end()
    } catch (e) {
      const code =
        e instanceof CloudbaseError && e.code === 'STORAGE_EXCEED_AUTHORITY'
          ? 'EntityTooLarge'
          : 'InvalidRequest'
      xmlError(res, 400, code, e instanceof Error ? e.message : 'upload failed')
    }
  }

  function download(req: IncomingMessage, res: ServerResponse, url: URL): void {
    let file: string
    let cloudPath: string
    try {
      const t = splitUrlPath('/__files/', url.pathname)
      cloudPath = t.cloudPath
      file = diskPath(root, t.env, t.cloudPath)
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end(e instanceof Error ? e.message : 'bad path')
    }
    let size: number
    try {
      const st = fs.statSync(file)
      if (!st.isFile()) throw new Error('not a file')
      size = st.size
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('file not exist')
    }
    res.writeHead(200, {
      'content-type': contentTypeOf(cloudPath),
      'content-length': String(size),
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // read-only public content behind an unguessable temp URL, like CloudBase's CDN: any page may show it
      'access-control-allow-origin': '*',
      // Uploaded files are user content: an SVG or HTML file must not run script on the emulator's origin.
      'content-security-policy':
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    })
    if (req.method === 'HEAD') return void res.end()
    // A file deleted between stat and read must not crash the server (an unhandled stream error would).
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  function list(env?: string): StoredFile[] {
    const out: StoredFile[] = []
    const envs = env ? [env] : fs.existsSync(root) ? fs.readdirSync(root) : []
    for (const e of envs) {
      const base = path.join(root, e)
      if (!fs.existsSync(base)) continue
      const walk = (dir: string, prefix: string): void => {
        for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
          const rel = prefix ? `${prefix}/${d.name}` : d.name
          if (d.isDirectory()) walk(path.join(dir, d.name), rel)
          else if (d.isFile() && !d.name.endsWith('.uploading'))
            out.push({
              env: e,
              cloudPath: rel,
              fileID: fileIdOf(e, rel),
              size: fs.statSync(path.join(dir, d.name)).size,
            })
        }
      }
      walk(base, '')
    }
    return out
  }

  const module: EmulatorModule = {
    name: 'storage',
    actions: {
      'storage.getUploadMetadata': getUploadMetadata,
      'storage.batchGetDownloadUrl': batchGetDownloadUrl,
      'storage.batchDeleteFile': batchDeleteFile,
    },
    routes: [
      { method: 'PUT', prefix: '/__cos/', handler: upload },
      { method: 'POST', prefix: '/__cos/', handler: upload },
      { method: 'GET', prefix: '/__files/', handler: download },
      { method: 'HEAD', prefix: '/__files/', handler: download },
      {
        method: 'GET',
        prefix: '/__emulator/storage/files',
        handler: (_req, res) => {
          const body = JSON.stringify({
            files: list().map((f) => ({ ...f, url: fileUrl(f.env, f.cloudPath, true) })),
          })
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
          res.end(body)
        },
      },
    ],
  }

  return {
    module,
    put(cloudPath, bytes, env = opts.envId) {
      write(
        checkEnv(env),
        checkCloudPath(cloudPath),
        Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'),
      )
      return fileIdOf(env, cloudPath)
    },
    publicUrl(fileIdOrPath) {
      const parsed = parseFileId(fileIdOrPath)
      if (parsed) return fileUrl(parsed.env, parsed.path, true)
      return fileUrl(opts.envId, checkCloudPath(fileIdOrPath), true)
    },
    read(fileId) {
      const parsed = parseFileId(fileId)
      if (!parsed) return undefined
      try {
        return fs.readFileSync(diskPath(root, parsed.env, parsed.path))
      } catch {
        return undefined
      }
    },
    list,
  }
}
