import type { Sharp as SharpPipeline } from 'sharp'
import type { Sharp } from './loadSharp'
import type { Thumbnail } from './thumbnailTypes'

/**
 * The largest image sharp is allowed to decode: libvips' default, 16383 × 16383 (268 MP). A
 * header claiming more (a decompression bomb of 50,000 × 50,000 px) is refused before any pixel
 * is decoded; the photo importer checks the header against the same limit first.
 */
export const MAX_INPUT_PIXELS = 0x3fff * 0x3fff

/** Formats sharp's prebuilt libvips decodes here (its libheif has no HEVC decoder: HEIC is not). */
export const SHARP_MIME = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff'])

/** Formats that may carry transparency: a thumbnail of those stays PNG when it does. */
const ALPHA_MIME = new Set(['image/png', 'image/webp', 'image/tiff'])

/**
 * Make a thumbnail with sharp whose longest side is at most `maxSide` (never enlarged), turned
 * upright for EXIF `orientation` (1–8), converted to sRGB, metadata stripped. JPEGs are decoded
 * with libjpeg's shrink-on-load (1/2, 1/4, 1/8 of the size in the DCT), so a 24 MP photo is
 * never held whole in memory. Returns a JPEG, or a PNG when the image has transparency.
 * Throws sharp's error when the image is damaged (truncated, corrupt) or over MAX_INPUT_PIXELS.
 */
export async function sharpThumbnail(
  sharp: Sharp,
  bytes: Uint8Array,
  mime: string,
  maxSide: number,
  orientation = 1,
  quality = 80,
): Promise<Thumbnail> {
  const input = sharp(bytes, {
    failOn: 'error', // warnings (extraneous bytes before a marker) are common in real files
    limitInputPixels: MAX_INPUT_PIXELS,
    sequentialRead: true,
  })
  const small = orient(input, orientation).resize({
    width: maxSide,
    height: maxSide,
    fit: 'inside',
    withoutEnlargement: true,
  })
  if (!ALPHA_MIME.has(mime)) return encodeJpeg(small, quality)
  const raw = await small.ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const { width, height } = raw.info
  const pixels = sharp(raw.data, { raw: { width, height, channels: 4 } })
  if (!hasTransparency(raw.data)) return encodeJpeg(pixels.removeAlpha(), quality)
  const png = await pixels.png().toBuffer({ resolveWithObject: true })
  return { bytes: new Uint8Array(png.data), mime: 'image/png', width, height }
}

async function encodeJpeg(pipeline: SharpPipeline, quality: number): Promise<Thumbnail> {
  const out = await pipeline.jpeg({ quality }).toBuffer({ resolveWithObject: true })
  return {
    bytes: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength),
    mime: 'image/jpeg',
    width: out.info.width,
    height: out.info.height,
  }
}

/**
 * Turn stored pixels upright for an EXIF orientation (the same as libvips' autorot, given
 * explicitly so that an embedded preview, which has no EXIF of its own, turns like its photo).
 */
function orient(pipeline: SharpPipeline, orientation: number): SharpPipeline {
  switch (orientation) {
    case 2:
      return pipeline.flop()
    case 3:
      return pipeline.rotate(180)
    case 4:
      return pipeline.flip()
    case 5:
      return pipeline.rotate(270).flop()
    case 6:
      return pipeline.rotate(90)
    case 7:
      return pipeline.rotate(90).flop()
    case 8:
      return pipeline.rotate(270)
    default:
      return pipeline
  }
}

function hasTransparency(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true
  return false
}
