import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export interface WorkerReply {
  type: 'result'
  id: string
  ok: boolean
  json?: string
  error?: string
  loadMs: number
  /** This invocation had to load the bundle (a cold start). */
  coldLoad?: boolean
}

export interface InvokeMessage {
  type: 'invoke'
  id: string
  file: string
  event?: unknown
  /** the event as JSON text, parsed in the worker */
  eventJson?: string
  context: Record<string, unknown>
  env: Record<string, string | null>
}

const WORKER_ENTRY = path.join(__dirname, 'worker-entry.cjs')

/**
 * Deployed bundles keep wx-server-sdk external and get it from their own node_modules. Here it comes from
 * the workspace: NODE_PATH lets bundles outside the repository (temp dirs in tests) find it as well.
 */
function sdkNodePath(): string {
  const dirs: string[] = []
  for (const pkg of ['wx-server-sdk/package.json', 'wx-server-sdk-2/package.json']) {
    try {
      dirs.push(path.dirname(path.dirname(require.resolve(pkg))))
    } catch {
      // not installed: that generation is simply unavailable to bundles outside the repository
    }
  }
  const existing = process.env.NODE_PATH ? process.env.NODE_PATH.split(path.delimiter) : []
  return [...new Set([...dirs, ...existing])].join(path.delimiter)
}

/** One warm child process running one function bundle, one invocation at a time. */
export class FunctionWorker {
  readonly child: ChildProcess
  readonly ready: Promise<void>
  busy = false
  dead = false
  invocations = 0
  private pending: { id: string; resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null
  private readonly exited: Promise<void>

  constructor(
    readonly fn: string,
    readonly version: string,
    env: Record<string, string>,
    onOutput: (line: string) => void,
  ) {
    this.child = fork(WORKER_ENTRY, [], {
      env: { ...process.env, NODE_PATH: sdkNodePath(), ...env },
      // Never inherit tsx/jest loader flags: the worker is plain JS and must start fast.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    })
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let buf = ''
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => {
        buf += chunk
        let nl: number
        while ((nl = buf.indexOf('\n')) >= 0) {
          onOutput(buf.slice(0, nl))
          buf = buf.slice(nl + 1)
        }
      })
    }
    this.ready = new Promise((resolve, reject) => {
      this.child.once('message', () => resolve())
      this.child.once('exit', (code) =>
        reject(new Error(`function worker exited while starting (code ${code})`)),
      )
    })
    this.ready.catch(() => undefined)
    this.child.on('message', (msg: WorkerReply) => {
      if (msg?.type !== 'result' || !this.pending || msg.id !== this.pending.id) return
      const p = this.pending
      this.pending = null
      p.resolve(msg)
    })
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.dead = true
        const p = this.pending
        this.pending = null
        p?.reject(new Error(`function process exited (code ${code ?? signal}) before returning`))
        resolve()
      })
    })
  }

  async run(msg: InvokeMessage): Promise<WorkerReply> {
    await this.ready
    if (this.dead) throw new Error('function worker is gone')
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { id: msg.id, resolve, reject }
      this.child.send(msg, (err) => {
        if (err && this.pending?.id === msg.id) {
          this.pending = null
          reject(err)
        }
      })
    })
  }

  /** Loads the bundle now, so the first invocation finds it warm. */
  preload(file: string): void {
    void this.ready.then(
      () => {
        if (!this.dead) this.child.send({ type: 'preload', file })
      },
      () => undefined,
    )
  }

  /** Hard stop: timeouts must not wait for user code that ignores signals. */
  kill(): Promise<void> {
    if (!this.dead) this.child.kill('SIGKILL')
    return this.exited
  }
}
