import type { RawImage } from './decodeRawImage'

/**
 * Decode the first image of a TIFF when it is stored uncompressed (compression 1), chunky, 8 bits
 * per sample, grey or RGB(A): the common case for small agency TIFFs. Returns null for anything
 * else (LZW, JPEG-in-TIFF, 16-bit, CMYK…) and for images over `maxPixels`; throws on a
 * truncated file.
 */
export function decodeUncompressedTiff(bytes: Uint8Array, maxPixels = Infinity): RawImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const order = view.getUint16(0)
  if (order !== 0x4949 && order !== 0x4d4d) return null
  const little = order === 0x4949
  if (view.getUint16(2, little) !== 42) return null
  const ifd = view.getUint32(4, little)
  const count = view.getUint16(ifd, little)
  const tags = new Map<number, number[]>()
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12
    tags.set(view.getUint16(at, little), readTagValues(view, at, little))
  }
  const first = (tag: number, fallback?: number) => tags.get(tag)?.[0] ?? fallback
  const width = first(256)
  const height = first(257)
  const samples = first(277, 1)!
  const bits = tags.get(258) ?? [1]
  const photometric = first(262)
  if (!width || !height || width * height > maxPixels) return null
  if (first(259, 1) !== 1 || first(284, 1) !== 1) return null
  if (bits.some((b) => b !== 8) || (photometric !== 1 && photometric !== 2)) return null
  if (photometric === 2 && samples < 3) return null
  const offsets = tags.get(273) ?? []
  const counts = tags.get(279) ?? []
  const pixels = new Uint8Array(width * height * samples)
  let filled = 0
  for (let s = 0; s < offsets.length && filled < pixels.length; s++) {
    const strip = bytes.subarray(offsets[s], offsets[s] + (counts[s] ?? 0))
    const take = Math.min(strip.length, pixels.length - filled)
    pixels.set(strip.subarray(0, take), filled)
    filled += take
  }
  if (filled < pixels.length) throw new Error('TIFF image data is truncated')
  const data = new Uint8Array(width * height * 4)
  const hasAlpha = (photometric === 2 && samples >= 4) || (photometric === 1 && samples >= 2)
  for (let p = 0, s = 0; p < width * height; p++, s += samples) {
    const o = p * 4
    if (photometric === 2) {
      data[o] = pixels[s]
      data[o + 1] = pixels[s + 1]
      data[o + 2] = pixels[s + 2]
      data[o + 3] = hasAlpha ? pixels[s + 3] : 255
    } else {
      data[o] = data[o + 1] = data[o + 2] = pixels[s]
      data[o + 3] = hasAlpha ? pixels[s + 1] : 255
    }
  }
  return { width, height, data }
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 3: 2, 4: 4 }

function readTagValues(view: DataView, at: number, little: boolean): number[] {
  const type = view.getUint16(at + 2, little)
  const n = view.getUint32(at + 4, little)
  const size = TYPE_SIZES[type]
  if (!size) return []
  const start = n * size <= 4 ? at + 8 : view.getUint32(at + 8, little)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const p = start + i * size
    out.push(
      size === 1
        ? view.getUint8(p)
        : size === 2
          ? view.getUint16(p, little)
          : view.getUint32(p, little),
    )
  }
  return out
}
