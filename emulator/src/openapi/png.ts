import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { chunk, PNG_SIGNATURE } from '../png'

/**
 * A small black-and-white PNG whose pattern is derived from `seed` (a stand-in mini-program code:
 * different scenes give visibly different images). 21x21 modules scaled 4x, with a quiet border.
 */
export function codePng(seed: string): Buffer {
  const modules = 21
  const scale = 4
  const border = 2
  const size = (modules + border * 2) * scale
  let bits = Buffer.alloc(0)
  for (let i = 0; bits.length * 8 < modules * modules; i++)
    bits = Buffer.concat([bits, createHash('sha256').update(`${seed}:${i}`).digest()])
  const dark = (x: number, y: number): boolean => {
    const finder = (fx: number, fy: number): boolean | undefined => {
      const dx = x - fx
      const dy = y - fy
      if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return undefined
      return dx === 0 || dy === 0 || dx === 6 || dy === 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4)
    }
    const f = finder(0, 0) ?? finder(modules - 7, 0) ?? finder(0, modules - 7)
    if (f !== undefined) return f
    const i = y * modules + x
    return ((bits[i >> 3]! >> (i & 7)) & 1) === 1
  }
  const rows: Buffer[] = []
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size)
    for (let px = 0; px < size; px++) {
      const mx = Math.floor(px / scale) - border
      const my = Math.floor(py / scale) - border
      const inside = mx >= 0 && my >= 0 && mx < modules && my < modules
      row[1 + px] = inside && dark(mx, my) ? 0 : 255
    }
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
