import type { ImageFormat } from './imageFormat'

export interface ImageSize {
  width: number
  height: number
}

/**
 * The pixel size written in the image stream itself (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X,
 * HEIF `ispe`). Metadata sizes (EXIF PixelXDimension, TIFF tags of an edited master) are often
 * stale, so this is what `PhotoMeta.width/height` report. TIFF is left to EXIF's IFD0.
 * Returns undefined when the stream does not say (or is damaged); never throws.
 */
export function readImageSize(bytes: Uint8Array, format: ImageFormat): ImageSize | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    switch (format) {
      case 'jpeg':
        return jpegSize(bytes, view)
      case 'png':
        return bytes.length >= 24
          ? { width: view.getUint32(16), height: view.getUint32(20) }
          : undefined
      case 'webp':
        return webpSize(bytes, view)
      case 'heic':
        return heifSize(bytes, view)
      default:
        return undefined
    }
  } catch {
    return undefined
  }
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1]
    if (marker === 0xff) {
      at++ // fill byte
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return undefined // end or scan before any frame
    const length = view.getUint16(at + 2)
    if (SOF.has(marker)) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
    at += 2 + length
  }
  return undefined
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16))
  if (chunk === 'VP8X') {
    const w = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16))
    const h = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16))
    return { width: w, height: h }
  }
  if (chunk === 'VP8 ') {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
  }
  if (chunk === 'VP8L') {
    const b = view.getUint32(21, true)
    return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 }
  }
  return undefined
}

/** The largest `ispe` (image spatial extents) box: the primary image, not its thumbnail. */
function heifSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let best: ImageSize | undefined
  const limit = Math.min(bytes.length - 16, 1 << 20)
  for (let i = 4; i < limit; i++) {
    if (
      bytes[i] !== 0x69 ||
      bytes[i + 1] !== 0x73 ||
      bytes[i + 2] !== 0x70 ||
      bytes[i + 3] !== 0x65
    )
      continue
    const size = { width: view.getUint32(i + 8), height: view.getUint32(i + 12) }
    if (!best || size.width * size.height > best.width * best.height) best = size
  }
  return best
}
