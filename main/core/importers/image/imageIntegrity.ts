import { MAX_INPUT_PIXELS } from '../../thumbnails/sharpThumbnail'
import type { ImageFormat } from './imageFormat'
import type { ImageSize } from './imageSize'

/**
 * Why an image must be refused before any of its pixels are decoded, or undefined when its
 * header and ends look whole:
 * - a header claiming more than MAX_INPUT_PIXELS (268 MP): a decompression bomb such as a
 *   50,000 × 50,000 px JPEG or PNG of a few kilobytes would take gigabytes to decode;
 * - a JPEG whose main image has no end (no EOI marker after its first scan): the file was cut
 *   short. This is checked here because a thumbnail made from an embedded preview never decodes
 *   the main image.
 */
export function refusalBeforeDecoding(
  bytes: Uint8Array,
  format: ImageFormat,
  size: ImageSize | undefined,
  fileName: string,
): string | undefined {
  if (size && size.width * size.height > MAX_INPUT_PIXELS) {
    const mp = (n: number) => Math.round(n / 1e6).toLocaleString('en-US')
    return (
      `${fileName} is ${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels ` +
      `(${mp(size.width * size.height)} megapixels), more than the ${mp(MAX_INPUT_PIXELS)} megapixels Morgue decodes: ` +
      `it was refused as a possible decompression bomb.`
    )
  }
  if (format === 'jpeg' && size && !jpegEndsWhole(bytes)) {
    return `${fileName} is truncated: the file ends inside its image data (an interrupted copy or download).`
  }
  return undefined
}

/**
 * Whether a JPEG's main image is whole: an EOI marker (FF D9) follows its first scan. Inside
 * entropy-coded data an FF byte is always stuffed (FF 00) or a restart marker, so FF D9 after
 * the scan can only be the end of the image (or of a preview stored after it, which implies it).
 */
export function jpegEndsWhole(bytes: Uint8Array): boolean {
  const scan = firstScan(bytes)
  if (scan === undefined) return false
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return buffer.lastIndexOf(EOI) > scan
}

const EOI = Buffer.from([0xff, 0xd9])

/** Offset of the first SOS marker, walking the segments before it; undefined if none. */
function firstScan(bytes: Uint8Array): number | undefined {
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1]
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0xda) return at
    if (marker === 0xd9) return undefined
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3])
  }
  return undefined
}
