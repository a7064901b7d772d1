/**
 * A tiny PNG encoder (8-bit palette, node:zlib for IDAT) so the demo data ships its own images without a
 * dependency. Tiles are flat colours with one simple shape: a few hundred bytes each, which WeChat's <Image>
 * and browsers both show (SVG is not shown from every source on weapp).
 */
import { deflateSync } from 'node:zlib'

export type Rgb = readonly [number, number, number]
export type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'ring' | 'stripes'
export const SHAPES: readonly Shape[] = ['circle', 'square', 'triangle', 'diamond', 'ring', 'stripes']

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** Encodes `pixels` (one palette index per pixel, row-major) as a PNG. */
export function encodePng(
  width: number,
  height: number,
  palette: readonly Rgb[],
  pixels: Uint8Array,
): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 3 // colour type: palette
  ihdr[10] = 0
  ihdr[11] = 0
  ihdr[12] = 0
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0 // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Is (x, y), in a unit square centred at 0, inside the shape? */
function inside(shape: Shape, x: number, y: number): boolean {
  const r = Math.sqrt(x * x + y * y)
  switch (shape) {
    case 'circle':
      return r <= 0.3
    case 'ring':
      return r <= 0.32 && r >= 0.2
    case 'square':
      return Math.abs(x) <= 0.25 && Math.abs(y) <= 0.25
    case 'diamond':
      return Math.abs(x) + Math.abs(y) <= 0.32
    case 'triangle':
      return y <= 0.25 && y >= -0.28 && Math.abs(x) <= (y + 0.28) * 0.55
    case 'stripes':
      return Math.abs(y) <= 0.3 && Math.abs(x) <= 0.3 && Math.floor((x + 0.3) * 10) % 2 === 0
  }
}

/** A tile: background colour, a shape in the foreground colour, and an optional accent bar at the bottom. */
export function tile(opts: {
  width: number
  height: number
  bg: Rgb
  fg: Rgb
  shape: Shape
  accent?: Rgb
}): Buffer {
  const { width, height, shape } = opts
  const palette: Rgb[] = [opts.bg, opts.fg, opts.accent ?? opts.fg]
  const px = new Uint8Array(width * height)
  const size = Math.min(width, height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ux = (x - width / 2) / size
      const uy = (y - height / 2) / size
      let v = inside(shape, ux, uy) ? 1 : 0
      if (opts.accent && y >= height * 0.9) v = 2
      px[y * width + x] = v
    }
  }
  return encodePng(width, height, palette, px)
}
