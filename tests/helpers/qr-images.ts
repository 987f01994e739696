import { inflateSync } from 'node:zlib'
import jsQR from 'jsqr'

/**
 * Reads the QR images the API returns the way a phone would: to pixels, then through a QR decoder
 * (jsqr). Only what the QR code encoder writes is understood: 8-bit RGBA PNGs, and SVGs of one stroked
 * path of horizontal runs.
 */

/** Pixels of an 8-bit RGBA, non-interlaced PNG (any of the five row filters). */
function pngPixels(png: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  let at = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  while (at < png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const body = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) throw new Error('only 8-bit RGBA non-interlaced PNGs are read here')
    }
    if (type === 'IDAT') idat.push(body)
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const out = new Uint8ClampedArray(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!
      const a = x >= 4 ? out[y * stride + x - 4]! : 0
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0
      const p = a + b - c
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
      const predicted = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!
      out[y * stride + x] = (v + predicted) & 0xff
    }
  }
  return { data: out, width, height }
}

export function decodePngDataUrl(dataUrl: string): string | null {
  const { data, width, height } = pngPixels(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))
  return jsQR(data, width, height)?.data ?? null
}

/** Draws the SVG's path (M x y, m dx 0, h n: runs of dark modules) at `scale` pixels a module. */
export function decodeSvg(svg: string, scale = 4): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1])
  const d = /<path[^>]*stroke="[^"]*"[^>]*d="([^"]+)"/.exec(svg)?.[1]
  if (!size || !d) return null
  const px = size * scale
  const data = new Uint8ClampedArray(px * px * 4).fill(255)
  let x = 0
  let y = 0
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const n = Number(a)
    if (cmd === 'M') [x, y] = [n, Number(b) - 0.5]
    else if (cmd === 'm') [x, y] = [x + n, y + Number(b ?? 0)]
    else {
      for (let row = y * scale; row < (y + 1) * scale; row++) for (let col = x * scale; col < (x + n) * scale; col++) data.fill(0, (row * px + col) * 4, (row * px + col) * 4 + 3)
      x += n
    }
  }
  return jsQR(data, px, px)?.data ?? null
}
