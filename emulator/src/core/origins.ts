/**
 * Which browser origins may talk to the emulator. Any web page a developer visits can POST to
 * 127.0.0.1:<port> (a "simple" cross-origin request needs no preflight), so a request whose `Origin` is not
 * the emulator's own page or an explicitly configured one is refused before anything runs. Node clients
 * (wx-server-sdk, tests, scripts) send no `Origin` and are not affected.
 */
import os from 'node:os'

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]'])

/** `http://a:1, http://b:2/` -> normalised origins; an entry that is not an origin is a configuration error. */
export function parseOriginList(raw: string | undefined): string[] {
  if (!raw) return []
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const origin = normaliseOrigin(s)
      if (!origin) throw new Error(`MALL_ALLOWED_ORIGINS: "${s}" is not an origin (scheme://host[:port])`)
      return origin
    })
}

function normaliseOrigin(s: string): string | null {
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null
  } catch {
    return null
  }
}

const hostPart = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h)

/** The hosts a browser can have loaded the emulator's own pages from. */
function ownHosts(listenHost: string | undefined): string[] {
  const hosts = ['127.0.0.1', 'localhost', '[::1]']
  if (!listenHost) return hosts
  if (!WILDCARD_HOSTS.has(listenHost)) return [...hosts, hostPart(listenHost.toLowerCase())]
  // Listening on every interface (a phone on the LAN): the page comes from one of this machine's addresses.
  for (const list of Object.values(os.networkInterfaces()))
    for (const a of list ?? []) hosts.push(hostPart(a.address.toLowerCase()))
  return hosts
}

export function createOriginPolicy(o: {
  host?: string
  extra?: string[]
}): (origin: string, port: number) => boolean {
  const extra = new Set(o.extra ?? [])
  return (origin, port) => {
    const normal = normaliseOrigin(origin)
    if (!normal) return false
    if (extra.has(normal)) return true
    return ownHosts(o.host).some((h) => normal === normaliseOrigin(`http://${h}:${port}`))
  }
}
