import type { RawImage } from './decodeRawImage'

/**
 * Shrink an RGBA image to `width` × `height` by area averaging (every source pixel counts, so
 * fine detail does not alias the way nearest-neighbour sampling does). Enlarging falls back to
 * nearest neighbour; thumbnails never need it.
 */
export function resizeRawImage(image: RawImage, width: number, height: number): RawImage {
  if (width === image.width && height === image.height) return image
  const out = new Uint8Array(width * height * 4)
  const xRatio = image.width / width
  const yRatio = image.height / height
  const src = image.data
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * yRatio)
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) * yRatio)))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * xRatio)
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) * xRatio)))
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = y0; sy < y1; sy++) {
        let i = (sy * image.width + x0) * 4
        for (let sx = x0; sx < x1; sx++, i += 4) {
          r += src[i]
          g += src[i + 1]
          b += src[i + 2]
          a += src[i + 3]
        }
      }
      const n = (y1 - y0) * (x1 - x0)
      const o = (y * width + x) * 4
      out[o] = Math.round(r / n)
      out[o + 1] = Math.round(g / n)
      out[o + 2] = Math.round(b / n)
      out[o + 3] = Math.round(a / n)
    }
  }
  return { width, height, data: out }
}
