import fs from 'node:fs'
import path from 'node:path'
import { http, sdkFor } from './sdk'
import { startServices, type Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
let s: Services
let cloud: any
beforeAll(async () => {
  s = await startServices()
  cloud = sdkFor(s)
})
afterAll(() => s.stop())

const outside = () => path.join(s.dir, 'escaped.txt')
const filesOnDisk = () => s.storage.list().map((f) => f.cloudPath)

test('put() writes a file in-process; publicUrl serves it with its content type', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
  const fileID = s.storage.put('products/p1/主图.png', png)
  expect(fileID).toBe('cloud://local-env.6c6f-local-env-1250000000/products/p1/主图.png')
  const url = s.storage.publicUrl(fileID)
  expect(url).toBe(`${s.url}/__files/local-env/products/p1/${encodeURIComponent('主图')}.png`)
  const r = await fetch(url)
  expect(r.status).toBe(200)
  expect(r.headers.get('content-type')).toBe('image/png')
  expect(r.headers.get('access-control-allow-origin')).toBe('*')
  expect(Buffer.from(await r.arrayBuffer())).toEqual(png)
  expect(s.storage.publicUrl('products/p1/主图.png')).toBe(url)
  // The SDK reads it back through getTempFileURL + downloadFile.
  const d = await cloud.downloadFile({ fileID })
  expect(d.fileContent).toEqual(png)
})

test('content types for the files the h5 build shows', async () => {
  for (const [name, type] of [
    ['a.jpg', 'image/jpeg'],
    ['a.webp', 'image/webp'],
    ['a.svg', 'image/svg+xml'],
    ['a.txt', 'text/plain; charset=utf-8'],
    ['a.bin', 'application/octet-stream'],
  ]) {
    s.storage.put(`types/${name}`, 'x')
    const r = await http(s, 'GET', `/__files/local-env/types/${name}`)
    expect([name, r.headers.get('content-type')]).toEqual([name, type])
    // User content must not script the emulator's origin.
    expect(r.headers.get('content-security-policy')).toContain('sandbox')
  }
})

test('uploadFile overwrites, getTempFileURL honours max_age, deleteFile removes from disk', async () => {
  const a = await cloud.uploadFile({ cloudPath: 'u/a.txt', fileContent: Buffer.from('one') })
  await cloud.uploadFile({ cloudPath: 'u/a.txt', fileContent: Buffer.from('two') })
  expect(s.storage.read(a.fileID)?.toString()).toBe('two')
  const before = Math.floor(Date.now() / 1000)
  const t = await cloud.getTempFileURL({ fileList: [{ fileID: a.fileID, maxAge: 120 }] })
  const expiry = Number(new URL(t.fileList[0].tempFileURL).searchParams.get('t'))
  expect(expiry).toBeGreaterThanOrEqual(before + 120)
  expect(expiry).toBeLessThan(before + 130)
  const del = await cloud.deleteFile({ fileList: [a.fileID] })
  expect(del.fileList[0]).toMatchObject({ status: 0 })
  expect(fs.existsSync(path.join(s.dir, 'storage', 'local-env', 'u', 'a.txt'))).toBe(false)
  expect((await http(s, 'GET', '/__files/local-env/u/a.txt')).status).toBe(404)
})

test('path traversal is refused everywhere and writes nothing', async () => {
  const before = filesOnDisk()
  await expect(
    cloud.uploadFile({ cloudPath: '../escaped.txt', fileContent: Buffer.from('x') }),
  ).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining('".." segment'),
  })
  await expect(
    cloud.uploadFile({ cloudPath: 'a/../../escaped.txt', fileContent: Buffer.from('x') }),
  ).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  })
  await expect(
    cloud.uploadFile({ cloudPath: '/abs.txt', fileContent: Buffer.from('x') }),
  ).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  })
  // Straight to the upload endpoint, encoded so the URL parser cannot normalise it away.
  for (const p of [
    '/__cos/local-env/..%2F..%2Fescaped.txt',
    '/__cos/local-env/%2e%2e/escaped.txt',
    '/__cos/..%2F/escaped.txt',
  ]) {
    const r = await http(s, 'PUT', p, 'x')
    expect([p, r.status]).toEqual([p, 400])
    expect(r.text).toContain('<Error><Code>InvalidArgument</Code>')
  }
  fs.writeFileSync(outside(), 'secret')
  for (const p of [
    '/__files/local-env/..%2F..%2Fescaped.txt',
    '/__files/local-env/a%5C..%5C..%5Cescaped.txt',
    '/__files/..%2F/escaped.txt',
  ]) {
    const r = await http(s, 'GET', p)
    expect([p, r.status]).toEqual([p, 400])
    expect(r.text).not.toContain('secret')
  }
  const bad = 'cloud://local-env.6c6f-local-env-1250000000/../../escaped.txt'
  const del = await cloud.deleteFile({ fileList: [bad] })
  expect(del.fileList[0].status).not.toBe(0)
  const tmp = await cloud.getTempFileURL({ fileList: [bad] })
  expect(tmp.fileList[0]).toMatchObject({ tempFileURL: '' })
  expect(fs.readFileSync(outside(), 'utf8')).toBe('secret')
  expect(() => s.storage.put('../escaped.txt', 'x')).toThrow('".." segment')
  expect(filesOnDisk()).toEqual(before)
})

test('bad batch input is a clear error', async () => {
  await expect(cloud.getTempFileURL({ fileList: [] })).rejects.toBeTruthy()
  const many = Array.from({ length: 51 }, (_, i) => `cloud://local-env.6c6f-local-env-1250000000/x${i}.txt`)
  await expect(cloud.deleteFile({ fileList: many })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining('at most 50 per call'),
  })
  const foreign = await cloud.getTempFileURL({ fileList: ['cloud://other.bucket/x.txt'] })
  expect(foreign.fileList[0]).toMatchObject({ tempFileURL: '', status: -501007 })
})

test('2.x-style multipart POST upload lands on disk', async () => {
  const form = new FormData()
  form.set('key', 'mp/b.txt')
  form.set('file', new Blob([Buffer.from('multipart body')]), 'b.txt')
  const r = await fetch(`${s.url}/__cos/local-env/mp/b.txt`, { method: 'POST', body: form })
  expect(r.status).toBe(200)
  expect(await r.text()).toBe('')
  expect(s.storage.read('cloud://local-env.6c6f-local-env-1250000000/mp/b.txt')?.toString()).toBe(
    'multipart body',
  )
  const list = await http(s, 'GET', '/__emulator/storage/files')
  expect(list.json.files.map((f: { cloudPath: string }) => f.cloudPath)).toContain('mp/b.txt')
})
