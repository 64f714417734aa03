import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { decodeUncompressedTiff } from './decodeUncompressedTiff'

/** Decoded pixels: RGBA, 8 bits per channel, rows top to bottom. */
export interface RawImage {
  width: number
  height: number
  data: Uint8Array
}

/** Larger images are not decoded: 100 MP of RGBA is 400 MB of memory, too much for a preview. */
const MAX_MEGAPIXELS = 100

/**
 * Decode JPEG, PNG or uncompressed TIFF bytes to RGBA. Returns null for a MIME type it has no
 * decoder for. Throws on damaged data (the caller decides what that means).
 */
export function decodeRawImage(bytes: Uint8Array, mime: string): RawImage | null {
  switch (mime) {
    case 'image/jpeg': {
      const out = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: true,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: 1024,
      })
      return { width: out.width, height: out.height, data: out.data }
    }
    case 'image/png': {
      // Check the IHDR size before decoding: pngjs allocates the whole bitmap first.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      if (bytes.length < 24 || view.getUint32(16) * view.getUint32(20) > MAX_MEGAPIXELS * 1e6) {
        return null
      }
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) }
    }
    case 'image/tiff':
      return decodeUncompressedTiff(bytes, MAX_MEGAPIXELS * 1e6)
    default:
      return null
  }
}
