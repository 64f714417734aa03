import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { decodeRawImage, type RawImage } from './decodeRawImage'
import { decodeWasmImage } from './decodeWasmImage'
import { orientRawImage } from './orientRawImage'
import { resizeRawImage } from './resizeRawImage'

/** A small preview image for result lists. */
export interface Thumbnail {
  bytes: Uint8Array
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

export interface ThumbnailOptions {
  /** EXIF orientation (1–8) of the source, applied so the preview stands the right way up. */
  orientation?: number
  /** JPEG quality, 1–100 (default 80). */
  quality?: number
}

/** The longest side of a results-list thumbnail, in pixels. */
export const DEFAULT_THUMBNAIL_SIDE = 320

/**
 * Make a thumbnail whose longest side is at most `maxSide` pixels, in pure JavaScript
 * (native image modules cannot be rebuilt for Electron here).
 *
 * Decodes JPEG (baseline and progressive), PNG and uncompressed 8-bit TIFF in JavaScript, WebP
 * and HEIC/HEIF with WebAssembly builds of libwebp and libheif. Returns a JPEG, or a PNG when
 * the image has transparency. Returns null for formats it cannot decode (compressed TIFF) and
 * for damaged images: a thumbnail is optional, the caller keeps the photo.
 * Never upscales. Never throws.
 */
export async function createThumbnail(
  bytes: Uint8Array,
  mime: string,
  maxSide: number = DEFAULT_THUMBNAIL_SIDE,
  options: ThumbnailOptions = {},
): Promise<Thumbnail | null> {
  let decoded: RawImage | null
  try {
    decoded = decodeRawImage(bytes, mime) ?? (await decodeWasmImage(bytes, mime))
  } catch {
    return null
  }
  if (!decoded || decoded.width < 1 || decoded.height < 1) return null
  const scale = Math.min(1, maxSide / Math.max(decoded.width, decoded.height))
  const width = Math.max(1, Math.round(decoded.width * scale))
  const height = Math.max(1, Math.round(decoded.height * scale))
  const small = orientRawImage(resizeRawImage(decoded, width, height), options.orientation ?? 1)
  if (hasTransparency(small)) {
    const png = new PNG({ width: small.width, height: small.height })
    png.data = Buffer.from(small.data.buffer, small.data.byteOffset, small.data.byteLength)
    const out = PNG.sync.write(png)
    return {
      bytes: new Uint8Array(out),
      mime: 'image/png',
      width: small.width,
      height: small.height,
    }
  }
  const out = jpeg.encode(
    { width: small.width, height: small.height, data: small.data },
    options.quality ?? 80,
  )
  return {
    bytes: new Uint8Array(out.data),
    mime: 'image/jpeg',
    width: small.width,
    height: small.height,
  }
}

function hasTransparency(image: RawImage): boolean {
  const { data } = image
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true
  return false
}
