import type { RawImage } from './decodeRawImage'

/**
 * Apply an EXIF orientation (1–8) so the pixels stand the right way up. 1 or an unknown value
 * returns the image unchanged. 5–8 swap width and height.
 */
export function orientRawImage(image: RawImage, orientation: number): RawImage {
  if (!Number.isInteger(orientation) || orientation < 2 || orientation > 8) return image
  const { width: w, height: h, data } = image
  const swap = orientation >= 5
  const outW = swap ? h : w
  const outH = swap ? w : h
  const out = new Uint8Array(data.length)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [dx, dy] = targetOf(orientation, x, y, w, h)
      const s = (y * w + x) * 4
      const d = (dy * outW + dx) * 4
      out[d] = data[s]
      out[d + 1] = data[s + 1]
      out[d + 2] = data[s + 2]
      out[d + 3] = data[s + 3]
    }
  }
  return { width: outW, height: outH, data: out }
}

/** Where the stored pixel (x, y) goes in the upright image (EXIF 2.32, tag 0x0112). */
function targetOf(o: number, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 2:
      return [w - 1 - x, y]
    case 3:
      return [w - 1 - x, h - 1 - y]
    case 4:
      return [x, h - 1 - y]
    case 5:
      return [y, x]
    case 6:
      return [h - 1 - y, x]
    case 7:
      return [h - 1 - y, w - 1 - x]
    default: // 8
      return [y, w - 1 - x]
  }
}
