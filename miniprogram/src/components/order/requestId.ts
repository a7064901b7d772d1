const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** An idempotency key for one checkout visit: 24 URL-safe characters (contract RequestId: 8-64). */
export function newRequestId(): string {
  const bytes = new Uint8Array(18)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  let out = `r${Date.now().toString(36)}`
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out.slice(0, 40)
}
