/**
 * The one reader of HTTP request bodies in the emulator (the RPC endpoint, the gateway, the console and the
 * sandbox routes), with a size limit that still lets the client read the refusal.
 */
import type { IncomingMessage } from 'node:http'
import { CloudbaseError } from './errors'

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        tooLarge = true
        chunks.length = 0
        // Keep draining a little so the client reads our answer; cut off abusive senders.
        if (size > max * 4 + 1024 * 1024) req.destroy()
        return
      }
      if (!tooLarge) chunks.push(c)
    })
    let ended = false
    req.on('end', () => {
      ended = true
      if (tooLarge) reject(new BodyTooLarge())
      else resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
    // A client that hangs up mid-body must not leave the handler waiting forever.
    req.on('close', () => {
      if (!ended) reject(tooLarge ? new BodyTooLarge() : new Error('request aborted'))
    })
  })
}

/** The body as UTF-8 text; over `max` bytes it is refused with CloudBase's `EXCEED_REQUEST_LIMIT`. */
export async function readText(req: IncomingMessage, max: number): Promise<string> {
  try {
    return (await readBody(req, max)).toString('utf8')
  } catch (e) {
    throw e instanceof BodyTooLarge ? new CloudbaseError('EXCEED_REQUEST_LIMIT', 'body too large') : e
  }
}
