import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { decodeRawImage, type RawImage } from './decodeRawImage'
import { decodeWasmImage } from './decodeWasmImage'
import { orientRawImage } from './orientRawImage'
import { resizeRawImage } from './resizeRawImage'
import type { Thumbnail } from './thumbnailTypes'

/**
 * The pure-JavaScript thumbnailer, used where sharp cannot load (and for HEIC, which sharp's
 * prebuilt libvips does not decode). JPEG (baseline and progressive), PNG and uncompressed 8-bit
 * TIFF are decoded in JavaScript, WebP and HEIC/HEIF with WebAssembly builds of libwebp and
 * libheif. The whole image is decoded before it is shrunk: seconds for a 24 MP photo.
 *
 * Returns null for formats it has no decoder for (compressed TIFF, images over 100 MP); throws
 * the decoder's error for damaged data. Never upscales.
 */
export async function jsThumbnail(
  bytes: Uint8Array,
  mime: string,
  maxSide: number,
  orientation = 1,
  quality = 80,
): Promise<Thumbnail | null> {
  const decoded: RawImage | null =
    decodeRawImage(bytes, mime) ?? (await decodeWasmImage(bytes, mime))
  if (!decoded) return null
  if (decoded.width < 1 || decoded.height < 1) throw new Error('the image has no pixels')
  const scale = Math.min(1, maxSide / Math.max(decoded.width, decoded.height))
  const width = Math.max(1, Math.round(decoded.width * scale))
  const height = Math.max(1, Math.round(decoded.height * scale))
  const small = orientRawImage(resizeRawImage(decoded, width, height), orientation)
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
  const out = jpeg.encode({ width: small.width, height: small.height, data: small.data }, quality)
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
