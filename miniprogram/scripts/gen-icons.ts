// Generates the tabBar icons (81x81 PNG, transparent) with a tiny PNG encoder: no image tooling needed.
// Run: npx tsx miniprogram/scripts/gen-icons.ts
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { encodePng } from './png'

const SIZE = 81
type Shape = (x: number, y: number) => boolean

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ring =
  (cx: number, cy: number, r: number, w: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy)
    return d <= r && d >= r - w
  }
const union =
  (...s: Shape[]): Shape =>
  (x, y) =>
    s.some((f) => f(x, y))
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y)
// roof: a filled triangle with its apex at (40, 10)
const roof: Shape = (x, y) => y >= 10 && y <= 40 && Math.abs(x - 40) <= (y - 10) * 1.15

const icons: Record<string, Shape> = {
  home: minus(union(roof, rect(18, 38, 62, 70)), rect(34, 50, 46, 70)),
  category: union(rect(12, 12, 36, 36), rect(44, 12, 68, 36), rect(12, 44, 36, 68), ring(56, 56, 13, 6)),
  cart: union(
    rect(8, 14, 20, 19),
    (x, y) => y >= 22 && y <= 52 && x >= 18 + (y - 22) * 0.2 && x <= 72 - (y - 22) * 0.25,
    circle(30, 64, 6),
    circle(58, 64, 6),
  ),
  me: union(
    circle(40, 26, 14),
    (x, y) => y >= 46 && y <= 72 && ((x - 40) / 28) ** 2 + ((y - 72) / 26) ** 2 <= 1,
  ),
}

const paint = (shape: Shape, [r, g, b]: [number, number, number]) => {
  const px = new Uint8Array(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      // 4x supersampling for smooth edges
      let hits = 0
      for (const dy of [0.125, 0.375, 0.625, 0.875])
        for (const dx of [0.125, 0.375, 0.625, 0.875]) if (shape(x + dx, y + dy)) hits++
      const i = (y * SIZE + x) * 4
      px.set([r, g, b, Math.round((hits / 16) * 255)], i)
    }
  return encodePng(SIZE, SIZE, px)
}

const out = path.resolve(__dirname, '../src/assets/tab')
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(path.join(out, `${name}.png`), paint(shape, [0x7d, 0x7e, 0x80]))
  writeFileSync(path.join(out, `${name}-active.png`), paint(shape, [0xee, 0x0a, 0x24]))
}
console.log('tab icons written to', out)
