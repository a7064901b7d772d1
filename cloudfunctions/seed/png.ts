/**
 * Product tiles for the demo data: flat colours with one simple shape, encoded by the emulator's tiny PNG
 * encoder (a few hundred bytes each; WeChat's <Image> and browsers both show PNG, not every SVG source).
 */
import { encodePng, type Rgb } from '@mall/emulator/src/png'

export type { Rgb }
export type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'ring' | 'stripes'
export const SHAPES: readonly Shape[] = ['circle', 'square', 'triangle', 'diamond', 'ring', 'stripes']

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
