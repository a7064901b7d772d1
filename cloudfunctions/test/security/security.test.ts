/**
 * Content security through the real wx-server-sdk against the emulator: shopper text (msgSecCheck v2) and
 * photos (mediaCheckAsync v2), whose verdicts the emulator pushes to the wxEvents bundle as WeChat's message
 * push would. The src modules run in this process as a function would (withSdkEnv); tests wait for pushes
 * with `emu.openapi.push.idle()` and hold them with `push.setMode('hold')`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { withSdkEnv } from '@mall/emulator'
import { getDb } from '../../src/cloud'
import { checkText } from '../../src/security/text'
import {
  applyMediaVerdict,
  checkPhotos,
  onMediaVerdict,
  photoStatuses,
  photoViews,
  type PhotoRef,
} from '../../src/security/media'
import { SHOPPER_1, SHOPPER_2, startTestEmulator, type TestEmulator } from '../helpers/emulator'

let t: TestEmulator
const AT = 1_700_000_000_000
const owner = (id: string) => ({ collection: 'reviews', id })

beforeAll(async () => {
  t = await startTestEmulator({ seed: false })
})
afterAll(() => t.stop())
afterEach(() => t.emu.openapi.push.setMode('deliver'))

/** Runs src code as a function invoked by that shopper. */
const as = <T>(openid: string, fn: () => Promise<T>): Promise<T> =>
  withSdkEnv(t.emu.clientEnv({ openid }), fn)
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  )
const photo = (openid: string, name: string, area = 'review') =>
  t.emu.storage.put(`${area}/${openid}/${name}`, Buffer.from([0x89, 0x50, 0x4e, 0x47]))
const check = (ids: string[], ownerId: string, openid = SHOPPER_1) =>
  as(openid, () => checkPhotos(getDb(), openid, 'review', ids, owner(ownerId), AT))
const statuses = (refs: PhotoRef[]) => as(SHOPPER_1, () => photoStatuses(getDb(), refs))
const stored = (traceId: string) => t.find('mediaChecks', { _id: traceId })[0]
const verdictEvent = (traceId: string, suggest: string, extra: object = {}) => ({
  ToUserName: 'gh_0000000local',
  FromUserName: SHOPPER_1,
  CreateTime: Math.floor(AT / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: t.emu.appid,
  trace_id: traceId,
  version: 2,
  detail: [],
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label: 100 },
  ...extra,
})

describe('checkText', () => {
  test('pass resolves; risky and review text is CONTENT_RISKY', async () => {
    await expect(as(SHOPPER_1, () => checkText(SHOPPER_1, '包装完好，物流很快'))).resolves.toBeUndefined()
    expect(await codeOf(as(SHOPPER_1, () => checkText(SHOPPER_1, '出售违禁品')))).toBe('CONTENT_RISKY')
    expect(await codeOf(as(SHOPPER_1, () => checkText(SHOPPER_1, '加我微商')))).toBe('CONTENT_RISKY')
    const call = t.emu.openapi.records({ api: 'security.msgSecCheck', kind: 'call' }).at(-1)!
    expect(call.params).toMatchObject({ openid: SHOPPER_1, scene: 2, version: 2, content: '加我微商' })
  })

  test('an API failure refuses (fail closed)', async () => {
    t.emu.openapi.injectFault({ api: 'security.msgSecCheck', errorCode: -604101 })
    expect(await codeOf(as(SHOPPER_1, () => checkText(SHOPPER_1, '很好')))).toBe('CONTENT_CHECK_FAILED')
  })
})

describe('checkPhotos', () => {
  test('a photo outside the caller folder, in another area, or given twice is refused', async () => {
    const theirs = photo(SHOPPER_2, 'a.png')
    const mine = photo(SHOPPER_1, 'a.png')
    const wrongArea = photo(SHOPPER_1, 'b.png', 'aftersale')
    expect(await codeOf(check([theirs], 'r1'))).toBe('PHOTO_INVALID')
    expect(await codeOf(check([wrongArea], 'r1'))).toBe('PHOTO_INVALID')
    expect(await codeOf(check([mine, mine], 'r1'))).toBe('PHOTO_INVALID')
    expect(await codeOf(check([mine.replace(`/${SHOPPER_1}/`, `/${SHOPPER_1}/x/`)], 'r1'))).toBe(
      'PHOTO_INVALID',
    )
    expect(t.emu.openapi.records({ api: 'security.mediaCheckAsync', kind: 'call' })).toHaveLength(0)
  })

  test('a file that is not in storage is refused', async () => {
    const missing = photo(SHOPPER_1, 'c.png').replace('c.png', 'never-uploaded.png')
    expect(await codeOf(check([missing], 'r1'))).toBe('PHOTO_INVALID')
  })

  test('pass and risky verdicts are pushed to wxEvents and read back per photo', async () => {
    const ok = photo(SHOPPER_1, 'ok.png')
    const bad = photo(SHOPPER_1, 'BAD.png')
    const refs = await check([ok, bad], 'r2')
    expect(refs.map((r) => r.fileID)).toEqual([ok, bad])
    const calls = t.emu.openapi.records({ api: 'security.mediaCheckAsync', kind: 'call' })
    expect(calls.at(-1)!.params).toMatchObject({ media_type: 2, version: 2, openid: SHOPPER_1 })
    await t.emu.openapi.push.idle()
    expect(t.emu.openapi.push.deliveries({ traceId: refs[0]!.traceId })).toMatchObject([
      { function: 'wxEvents', status: 'delivered' },
    ])
    expect(await statuses(refs)).toEqual(['pass', 'rejected'])
    expect(stored(refs[1]!.traceId)).toMatchObject({
      fileID: bad,
      openid: SHOPPER_1,
      owner: owner('r2'),
      status: 'rejected',
      suggest: 'risky',
      createdAt: AT,
    })
    const mine = await as(SHOPPER_1, () => photoViews(getDb(), refs, 'owner'))
    expect(mine).toEqual([
      { url: expect.stringMatching(/^http:\/\/.*ok\.png/), status: 'pass' },
      { url: '', status: 'rejected' },
    ])
    const everyone = await as(SHOPPER_2, () => photoViews(getDb(), refs, 'public'))
    expect(everyone).toEqual([mine[0]])
  })

  test('held verdicts leave photos pending and hidden until released', async () => {
    t.emu.openapi.push.setMode('hold')
    const refs = await check([photo(SHOPPER_1, 'held.png')], 'r3')
    await t.emu.openapi.push.idle()
    expect(await statuses(refs)).toEqual(['pending'])
    expect(await as(SHOPPER_1, () => photoViews(getDb(), refs, 'owner'))).toEqual([
      { url: '', status: 'pending' },
    ])
    expect(await as(SHOPPER_1, () => photoViews(getDb(), refs, 'merchant'))).toEqual([])
    await t.emu.openapi.push.release()
    expect(await statuses(refs)).toEqual(['pass'])
  })

  test('a verdict that lands before the owner records the check keeps both', async () => {
    t.emu.openapi.push.setMode('beforeAnswer')
    const file = photo(SHOPPER_1, 'early.png')
    const [ref] = await check([file], 'r4')
    expect(stored(ref!.traceId)).toMatchObject({ status: 'pass', fileID: file, owner: owner('r4') })
    expect(await statuses([ref!])).toEqual(['pass'])
  })
})

describe('wxEvents', () => {
  async function pendingRef(name: string): Promise<PhotoRef> {
    t.emu.openapi.push.setMode('hold')
    const [ref] = await check([photo(SHOPPER_1, name)], `r-${name}`)
    return ref!
  }

  test('an event a client sends is a forgery and changes nothing', async () => {
    const ref = await pendingRef('forged.png')
    const answer = await t.invoke('wxEvents', verdictEvent(ref.traceId, 'pass'), {
      openid: SHOPPER_1,
      source: 'wx_client',
    })
    expect(answer).toBe('success')
    expect(await statuses([ref])).toEqual(['pending'])
  })

  test('malformed wxa_media_check events are ignored, unknown events answered', async () => {
    const ref = await pendingRef('malformed.png')
    const push = t.emu.openapi.push
    const bad = [
      { ...verdictEvent(ref.traceId, 'pass'), trace_id: undefined },
      verdictEvent(ref.traceId, 'maybe'),
      verdictEvent(ref.traceId, 'pass', { errcode: 1 }),
      verdictEvent(ref.traceId, 'pass', { version: 1 }),
      verdictEvent('../../etc', 'pass'),
      { MsgType: 'event', Event: 'wxa_media_check', trace_id: ref.traceId },
    ]
    for (const e of bad) expect((await push.push(e as Record<string, unknown>)).status).toBe('delivered')
    expect(await statuses([ref])).toEqual(['pending'])
    const other = await t.invoke(
      'wxEvents',
      { MsgType: 'event', Event: 'something_else' },
      { source: 'wx_msgpush' },
    )
    expect(other).toBe('success')
  })

  test('a rejection is final and repeated deliveries are idempotent', async () => {
    const ref = await pendingRef('twice.png')
    const push = t.emu.openapi.push
    await push.push(verdictEvent(ref.traceId, 'risky'))
    await push.push(verdictEvent(ref.traceId, 'risky'))
    await push.push(verdictEvent(ref.traceId, 'pass'))
    expect(await statuses([ref])).toEqual(['rejected'])
    expect(t.find('mediaChecks', { _id: ref.traceId })).toHaveLength(1)
  })

  test('applyMediaVerdict calls the owner hook registered for the collection', async () => {
    const ref = await pendingRef('hook.png')
    const seen: string[] = []
    onMediaVerdict('reviews', async (_db, id) => void seen.push(id))
    const r = await as(SHOPPER_1, () => applyMediaVerdict(getDb(), verdictEvent(ref.traceId, 'pass'), AT))
    expect(r).toBe('applied')
    expect(seen).toEqual(['r-hook.png'])
    expect(await as(SHOPPER_1, () => applyMediaVerdict(getDb(), { Event: 'x' }, AT))).toBe('ignored')
  })
})

test('shop and admin may call both content-security APIs', () => {
  for (const fn of ['shop', 'admin']) {
    const file = path.resolve(__dirname, '..', '..', 'functions', fn, 'config.json')
    const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions: { openapi: string[] } }
    expect(cfg.permissions.openapi).toEqual(
      expect.arrayContaining(['security.msgSecCheck', 'security.mediaCheckAsync']),
    )
  }
})
