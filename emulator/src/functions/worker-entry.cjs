'use strict'
/*
 * A warm function worker: loads one bundle (cloudfunctions/dist/<name>/index.js) and runs one invocation at a
 * time. Plain JS so child processes need no TypeScript loader. The parent sends
 *   {type:'invoke', id, file, event | eventJson (JSON text), context, env}
 * and gets back {type:'result', id, ok, json?, error?, loadMs, coldLoad}. {type:'preload', file} loads the bundle
 * ahead of the first call.
 * `env` holds the per-invocation SCF variables; unset values (null) are removed, and every variable is
 * restored afterwards because getWXContext() reads process.env.
 */
let loaded = null

function applyEnv(env) {
  const saved = {}
  for (const [key, value] of Object.entries(env)) {
    saved[key] = Object.prototype.hasOwnProperty.call(process.env, key) ? process.env[key] : null
    if (value === null || value === undefined) delete process.env[key]
    else process.env[key] = String(value)
  }
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === null) delete process.env[key]
      else process.env[key] = value
    }
  }
}

function errorText(err) {
  if (err instanceof Error) return err.stack || String(err)
  if (typeof err === 'string') return err
  try {
    return JSON.stringify(err)
  } catch {
    return String(err)
  }
}

function load(file) {
  const started = Date.now()
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the user's bundle is the point
  loaded = { file, mod: require(file) }
  return Date.now() - started
}

async function invoke(msg) {
  const restore = applyEnv(msg.env)
  let loadMs = 0
  let coldLoad = false
  try {
    if (!loaded || loaded.file !== msg.file) {
      coldLoad = true
      loadMs = load(msg.file)
    }
    const main = loaded.mod && loaded.mod.main
    if (typeof main !== 'function') throw new Error(`${msg.file} does not export main(event, context)`)
    const event = typeof msg.eventJson === 'string' ? JSON.parse(msg.eventJson) : msg.event
    const value = await main(event, msg.context)
    const json = JSON.stringify(value === undefined ? null : value)
    return { type: 'result', id: msg.id, ok: true, json, loadMs, coldLoad }
  } catch (err) {
    return { type: 'result', id: msg.id, ok: false, error: errorText(err), loadMs, coldLoad }
  } finally {
    restore()
  }
}

process.on('message', (msg) => {
  if (msg && msg.type === 'preload') {
    // Prewarming: load the bundle before the first call (a failure shows up again at that call).
    try {
      load(msg.file)
    } catch {
      loaded = null
    }
    return
  }
  if (!msg || msg.type !== 'invoke') return
  invoke(msg).then(
    (reply) => process.send && process.send(reply),
    (err) =>
      process.send &&
      process.send({ type: 'result', id: msg.id, ok: false, error: errorText(err), loadMs: 0 }),
  )
})

// A stray rejection inside user code must not take the warm worker down silently: report and keep going.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`[worker] unhandled rejection: ${errorText(reason)}\n`)
})

process.on('disconnect', () => process.exit(0))

if (process.send) process.send({ type: 'ready' })
