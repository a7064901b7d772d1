/**
 * The h5 photo upload route: own folder only, images only (declared type, extension and bytes agree), 5 MB,
 * the dev identity and the Origin allow-list of `/functions/`; the fileID it answers downloads the same bytes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../src'

jest.setTimeout(60_000)
const ME = 'o_shopper_1'
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 7),
])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 1)])

let emu: Emulator
let fnDir: string
beforeAll(async () => {
  fnDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-nofn-'))
  emu = await startEmulator({
    functionsDir: fnDir,
    quiet: true,
    timers: false,
    allowedOrigins: ['http://localhost:10086'],
    identities: [{ openid: ME, name: '小明', role: 'shopper' }],
  })
})
afterAll(async () => {
  await emu.stop()
  fs.rmSync(fnDir, { recursive: true, force: true })
})

const upload = (cloudPath: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${emu.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', 'x-mall-dev-openid': ME, ...headers },
    body,
  })

test('an image in the caller own folder is stored and answered as a cloud:// fileID', async () => {
  const res = await upload(`review/${ME}/1700000000-ab12.png`, PNG, { origin: 'http://localhost:10086' })
  expect(res.status).toBe(200)
  const { fileID } = (await res.json()) as { fileID: string }
  expect(fileID).toMatch(new RegExp(`^cloud://local-env\\.[^/]+/review/${ME}/1700000000-ab12\\.png$`))
  expect(emu.storage.read(fileID)).toEqual(PNG)
  const jpeg = await upload(`aftersale/${ME}/x.jpg`, JPEG, { 'content-type': 'image/jpeg' })
  expect(jpeg.status).toBe(200)
})

test('another openid folder is 403, a path outside the areas is 400', async () => {
  expect((await upload('review/o_someone_else/a.png', PNG)).status).toBe(403)
  for (const p of [
    'avatars/o_shopper_1/a.png',
    `review/${ME}/sub/a.png`,
    `review/${ME}/..`,
    `review/${ME}`,
    '',
  ])
    expect((await upload(p, PNG)).status).toBe(400)
})

test('identity is required and must be well formed', async () => {
  expect((await upload(`review/${ME}/a.png`, PNG, { 'x-mall-dev-openid': '' })).status).toBe(401)
  expect((await upload(`review/${ME}/a.png`, PNG, { 'x-mall-dev-openid': 'a b' })).status).toBe(400)
})

test('only png, jpeg and webp whose bytes and extension match', async () => {
  expect((await upload(`review/${ME}/a.svg`, PNG, { 'content-type': 'image/svg+xml' })).status).toBe(415)
  expect((await upload(`review/${ME}/a.html`, PNG)).status).toBe(400)
  const fake = await upload(`review/${ME}/a.png`, Buffer.from('<html><script>alert(1)</script>'))
  expect(fake.status).toBe(400)
  expect(((await fake.json()) as { code: string }).code).toBe('NOT_AN_IMAGE')
})

test('a body over 5 MB is 413', async () => {
  const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
  expect((await upload(`review/${ME}/big.png`, big)).status).toBe(413)
})

test('a foreign Origin is refused before anything is stored', async () => {
  const res = await upload(`review/${ME}/evil.png`, PNG, { origin: 'https://evil.example' })
  expect(res.status).toBe(403)
  expect(emu.storage.list().some((f) => f.cloudPath.endsWith('evil.png'))).toBe(false)
})
