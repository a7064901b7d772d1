/**
 * The HTTP server core and bad input: every failure is CloudBase's error shape (HTTP 200, JSON, code + message +
 * requestId), nothing crashes, and bad input changes nothing.
 */
import { ENV_ID, type Started, loadSdk, sdkEnv, startDbOnly } from '../conformance/harness'
import { type EmulatorServer, startServer } from '../../src/core/server'
import { CloudbaseError } from '../../src/core/errors'
import type { ActionRequest } from '../../src/core/types'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

/* eslint-disable @typescript-eslint/no-explicit-any */
let emu: Started
const post = async (
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => {
  const r = await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  })
  expect(r.status).toBe(200)
  expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
  const json = (await r.json()) as any
  expect(json.requestId).toMatch(/^[0-9a-f]{32}$/)
  return json
}
const db = (action: string, extra: Record<string, unknown>) =>
  post({ action: `database.${action}`, envName: ENV_ID, collectionName: 'goods', ...extra })

beforeAll(async () => {
  emu = await startDbOnly()
  emu.db!.insertMany('goods', [{ _id: 'g1', name: 'tea', stock: 3 }])
})
afterAll(() => emu.stop())

const unchanged = () => expect(emu.db!.find('goods')).toEqual([{ _id: 'g1', name: 'tea', stock: 3 }])

test('malformed JSON body -> INVALID_PARAM', async () => {
  expect(await post('{"action": "database.getDocument", ')).toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringMatching(/malformed/),
  })
  expect(await post('[1,2]')).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await post('')).toMatchObject({ code: 'INVALID_PARAM' })
})

test('malformed EJSON inside the body -> INVALID_PARAM naming the field, nothing written', async () => {
  const r = await db('modifyDocument', {
    queryType: 'DOC',
    query: '{"_id":"g1"}',
    data: '{"$set":{"stock":',
    merge: true,
  })
  expect(r).toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining('malformed EJSON in data'),
  })
  expect(
    await db('getDocument', { queryType: 'WHERE', query: '{"stock":{"$numberInt":"x"}}' }),
  ).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await db('insertDocument', { data: ['not json'] })).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await db('insertDocument', { data: '{"a":1' })).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await db('insertDocument', { data: [] })).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await db('getDocument', { queryType: 'WHERE', query: 42 })).toMatchObject({ code: 'INVALID_PARAM' })
  expect(await db('getDocument', { queryType: 'WHERE', limit: -3 })).toMatchObject({ code: 'INVALID_PARAM' })
  unchanged()
})

test('unknown or missing action -> INVALID_PARAM', async () => {
  expect(await post({ action: 'database.dropEverything' })).toMatchObject({
    code: 'INVALID_PARAM',
    message: 'unknown action: database.dropEverything',
  })
  expect(await post({ hello: 1 })).toMatchObject({ code: 'INVALID_PARAM', message: 'unknown action: (none)' })
})

test('unknown collection -> DATABASE_COLLECTION_NOT_EXIST for every action', async () => {
  for (const [action, extra] of [
    ['getDocument', { queryType: 'WHERE' }],
    ['calculateDocument', { queryType: 'WHERE' }],
    ['insertDocument', { data: ['{}'] }],
    ['modifyDocument', { queryType: 'WHERE', data: '{}' }],
    ['removeDocument', { queryType: 'WHERE', query: '' }],
    ['aggregateDocuments', { stages: [] }],
  ] as const) {
    expect(await db(action, { ...extra, collectionName: 'nope' })).toEqual({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      message: '[ResourceNotFound] Db or Table not exist: nope',
      requestId: expect.any(String),
    })
  }
  expect(emu.db!.collections().map((c) => c.name)).toEqual(['goods'])
})

test('$where / $function / code injection attempts are refused and change nothing', async () => {
  const attempts: Array<[string, Record<string, unknown>]> = [
    ['getDocument', { queryType: 'WHERE', query: '{"$where":"this.stock = 0"}' }],
    ['getDocument', { queryType: 'WHERE', query: '{"$where":{"$code":"function(){ return true }"}}' }],
    [
      'calculateDocument',
      {
        queryType: 'WHERE',
        query: '{"$expr":{"$function":{"body":"function(){return true}","args":[],"lang":"js"}}}',
      },
    ],
    [
      'modifyDocument',
      {
        queryType: 'WHERE',
        query: '{"$where":"1"}',
        data: '{"$set":{"stock":{"$numberInt":"0"}}}',
        merge: true,
        multi: true,
      },
    ],
    ['removeDocument', { queryType: 'WHERE', query: '{"$where":"true"}', multi: true }],
    ['aggregateDocuments', { stages: [{ stageKey: '$match', stageValue: '{"$where":"true"}' }] }],
    ['aggregateDocuments', { stages: [{ stageKey: '$out', stageValue: '"goods2"' }] }],
    [
      'aggregateDocuments',
      {
        stages: [
          { stageKey: '$group', stageValue: '{"_id":null,"x":{"$accumulator":{"init":"function(){}"}}}' },
        ],
      },
    ],
    ['insertDocument', { data: ['{"$where":"x"}'] }],
  ]
  for (const [action, extra] of attempts) {
    const r = await db(action, extra)
    expect(r.code).toMatch(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED)$/)
    expect(r.message).toBeTruthy()
  }
  unchanged()
  expect(emu.db!.collections().map((c) => c.name)).toEqual(['goods'])
})

test('bad operators and projections answer DATABASE_REQUEST_FAILED', async () => {
  expect(await db('getDocument', { queryType: 'WHERE', query: '{"stock":{"$bogus":1}}' })).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  expect(
    await db('modifyDocument', {
      queryType: 'DOC',
      query: '{"_id":"g1"}',
      data: '{"$explode":{"a":1}}',
      merge: true,
    }),
  ).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  expect(
    await db('modifyDocument', {
      queryType: 'DOC',
      query: '{"_id":"g1"}',
      data: '{"$set":{"_id":"g2"}}',
      merge: true,
    }),
  ).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  expect(
    await db('modifyDocument', {
      queryType: 'DOC',
      query: '{"_id":"g1"}',
      data: '{"$inc":{"name":{"$numberInt":"1"}}}',
      merge: true,
    }),
  ).toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  })
  unchanged()
})

test('oversize payloads -> EXCEED_REQUEST_LIMIT, nothing written', async () => {
  const small = await startServer({ port: 0, modules: [emu.db!.module], maxBodyBytes: 10_000 })
  try {
    const big = JSON.stringify({
      action: 'database.insertDocument',
      envName: ENV_ID,
      collectionName: 'goods',
      data: [JSON.stringify({ blob: 'x'.repeat(20_000) })],
    })
    const r = await fetch(`${small.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({
      code: 'EXCEED_REQUEST_LIMIT',
      message: expect.stringContaining('10000'),
    })
    // The server still answers afterwards.
    const ok = await fetch(`${small.url}/admin`, {
      method: 'POST',
      body: JSON.stringify({
        action: 'database.calculateDocument',
        envName: ENV_ID,
        collectionName: 'goods',
        queryType: 'WHERE',
      }),
    })
    expect(((await ok.json()) as any).data.total).toBe(1)
  } finally {
    await small.close()
  }
  unchanged()
})

test('multipart bodies: fields become body strings, binary parts land in parts; caller comes from the token', async () => {
  let seen: ActionRequest | undefined
  const s: EmulatorServer = await startServer({
    port: 0,
    modules: [
      {
        name: 'echo',
        actions: {
          'wx.openApi': (req) => (
            (seen = req),
            { raw: Buffer.from([1, 2, 3]), contentType: 'application/octet-stream' }
          ),
        },
      },
    ],
    resolveCaller: (t) => (t === 'tok-1' ? { openid: 'o1', invocationId: 'inv-1' } : undefined),
  })
  try {
    const form = new FormData()
    form.append('action', 'wx.openApi')
    form.append('apiName', 'security.msgSecCheck')
    form.append('envName', ENV_ID)
    form.append('wxCloudApiToken', 'tok-1')
    form.append('requestData', new Blob([Buffer.from([8, 0, 18, 3])], { type: 'application/octet-stream' }))
    const r = await fetch(`${s.url}/admin`, { method: 'POST', body: form })
    expect(r.headers.get('content-type')).toBe('application/octet-stream')
    expect(Buffer.from(await r.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]))
    expect(seen!.body).toMatchObject({
      action: 'wx.openApi',
      apiName: 'security.msgSecCheck',
      wxCloudApiToken: 'tok-1',
    })
    expect(seen!.envName).toBe(ENV_ID)
    expect(seen!.caller).toEqual({ openid: 'o1', invocationId: 'inv-1' })
    expect(seen!.parts!.find((p) => p.name === 'requestData')!.value).toEqual(Buffer.from([8, 0, 18, 3]))
    // A broken multipart body is an error shape, not a crash.
    const bad = await fetch(`${s.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data' },
      body: 'garbage',
    })
    expect(await bad.json()).toMatchObject({ code: 'INVALID_PARAM' })
  } finally {
    await s.close()
  }
})

test('handler errors: CloudbaseError keeps its code, anything else is SYS_ERR; envName objects resolve to .database', async () => {
  const s = await startServer({
    port: 0,
    modules: [
      {
        name: 't',
        actions: {
          'x.cb': () => {
            throw new CloudbaseError('STORAGE_FILE_NONEXIST', 'file not exist')
          },
          'x.boom': () => {
            throw new TypeError('kaput')
          },
          'x.env': (req) => ({ json: { env: req.envName } }),
        },
      },
    ],
  })
  try {
    const call = (body: object) =>
      fetch(`${s.url}/admin`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as any)
    expect(await call({ action: 'x.cb' })).toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
      message: 'file not exist',
    })
    expect(await call({ action: 'x.boom' })).toMatchObject({ code: 'SYS_ERR', message: 'kaput' })
    expect(await call({ action: 'x.env', envName: { database: 'db-env', default: 'd' } })).toMatchObject({
      env: 'db-env',
    })
    expect(await call({ action: 'x.env', envName: { default: 'd' } })).toMatchObject({ env: 'd' })
  } finally {
    await s.close()
  }
})

test('CORS preflight, module routes, 404s and the fault switch', async () => {
  const own = `http://localhost:${new URL(emu.url).port}`
  const pre = await fetch(`${emu.url}/functions/shop`, { method: 'OPTIONS', headers: { origin: own } })
  expect(pre.status).toBe(204)
  expect(pre.headers.get('access-control-allow-origin')).toBe(own)
  expect(pre.headers.get('access-control-allow-headers')).toContain('x-mall-dev-openid')
  const foreign = await fetch(`${emu.url}/functions/shop`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example' },
  })
  expect(foreign.status).toBe(403)
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  const nf = await fetch(`${emu.url}/nothing-here`)
  expect(nf.status).toBe(404)
  expect(await nf.json()).toMatchObject({ code: 'NOT_FOUND' })

  const s = await startServer({
    port: 0,
    modules: [
      {
        name: 'r',
        routes: [
          {
            method: 'GET',
            prefix: '/__files/',
            handler: (_req, res, url) => void res.end(`file ${url.pathname}`),
          },
        ],
      },
    ],
  })
  try {
    expect(await (await fetch(`${s.url}/__files/a.txt`)).text()).toBe('file /__files/a.txt')
    s.injectFault({ path: '/__files/', status: 503, body: 'down', times: 2 })
    expect((await fetch(`${s.url}/__files/a.txt`)).status).toBe(503)
    expect((await fetch(`${s.url}/__files/a.txt`)).status).toBe(503)
    expect((await fetch(`${s.url}/__files/a.txt`)).status).toBe(200)
  } finally {
    await s.close()
  }

  const arm = await fetch(`${emu.url}/__emulator/faults`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.calculateDocument',
      status: 200,
      body: '{"code":"SYS_ERR","message":"injected"}',
      contentType: 'application/json',
    }),
  })
  expect(arm.status).toBe(200)
  expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: 'nope' })).status).toBe(400)
  sdkEnv(emu.url)
  const cloud = loadSdk('4.0.2')
  cloud.init({ env: ENV_ID })
  await expect(cloud.database().collection('goods').count()).rejects.toMatchObject({ errCode: -501001 })
  expect((await cloud.database().collection('goods').count()).total).toBe(1)
})

test('actionCounts counts the database round trips of one invocation', async () => {
  const s = await startServer({
    port: 0,
    modules: [emu.db!.module],
    resolveCaller: (t) => (t.startsWith('inv:') ? { openid: 'o', invocationId: t.slice(4) } : undefined),
  })
  try {
    const call = (token: string) =>
      fetch(`${s.url}/admin`, {
        method: 'POST',
        body: JSON.stringify({
          action: 'database.calculateDocument',
          envName: ENV_ID,
          collectionName: 'goods',
          queryType: 'WHERE',
          wxCloudApiToken: token,
        }),
      }).then((r) => r.json())
    await call('inv:a')
    await call('inv:a')
    await call('inv:b')
    await call('')
    expect(s.actionCounts('a')).toBe(2)
    expect(s.actionCounts('b')).toBe(1)
    expect(s.actionCounts('zzz')).toBe(0)
  } finally {
    await s.close()
  }
})

test('a query that fails halfway through a scan leaves the database usable', async () => {
  emu.db!.insertMany('mixed', [
    { _id: 'm1', v: 1 },
    { _id: 'm2', v: 'x' },
  ])
  const bad = await post({
    action: 'database.getDocument',
    envName: ENV_ID,
    collectionName: 'mixed',
    queryType: 'WHERE',
    query: '{"v":{"$regex":"(","$options":""}}',
  })
  expect(bad.code).toMatch(/^(INVALID_PARAM|DATABASE_REQUEST_FAILED)$/)
  const ok = await post({
    action: 'database.getDocument',
    envName: ENV_ID,
    collectionName: 'mixed',
    queryType: 'WHERE',
  })
  expect(ok.data.list).toHaveLength(2)
})
