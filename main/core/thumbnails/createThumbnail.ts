import { readImageSize } from '../importers/image/imageSize'
import { choosePreview, findEmbeddedPreviews } from './embeddedPreview'
import { jsThumbnail } from './jsThumbnail'
import { loadSharp, type ImageDecoder } from './loadSharp'
import { SHARP_MIME, sharpThumbnail } from './sharpThumbnail'
import type { Thumbnail } from './thumbnailTypes'

export type { Thumbnail } from './thumbnailTypes'

export interface ThumbnailOptions {
  /** EXIF orientation (1–8) of the source, applied so the preview stands the right way up. */
  orientation?: number
  /** JPEG quality, 1–100 (default 80). */
  quality?: number
  /** Make it from an embedded JPEG preview when one is large enough (default true). */
  usePreview?: boolean
}

/** The longest side of a results-list thumbnail, in pixels. */
export const DEFAULT_THUMBNAIL_SIDE = 320

/** What making a thumbnail came to. */
export type ThumbnailOutcome =
  | {
      ok: true
      thumbnail: Thumbnail
      /** From the file's embedded preview, or from the image itself. */
      madeFrom: 'preview' | 'image'
      decoder: ImageDecoder
    }
  | {
      ok: false
      decoder: ImageDecoder
      /**
       * Why the decoder failed on an image of a format it reads (damaged, truncated, too many
       * pixels), one line. Absent when no decoder here reads the format at all.
       */
      damage?: string
    }

/**
 * Make a thumbnail whose longest side is at most `maxSide` pixels, the way Photo Mechanic does:
 * 1. a JPEG's embedded preview (EXIF thumbnail or Multi-Picture Format preview) when one is at
 *    least `maxSide` on its long side and shows the whole picture: only that preview is decoded;
 * 2. otherwise the image itself with sharp (libvips; JPEG shrink-on-load, all TIFF compressions,
 *    CMYK and ICC profiles converted to sRGB);
 * 3. where sharp cannot load, or for HEIC, the pure-JavaScript/WebAssembly decoders.
 * A preview that fails to decode falls through to the image. Never throws.
 */
export async function makeThumbnail(
  bytes: Uint8Array,
  mime: string,
  maxSide: number = DEFAULT_THUMBNAIL_SIDE,
  options: ThumbnailOptions = {},
): Promise<ThumbnailOutcome> {
  const sharp = await loadSharp()
  const decoder: ImageDecoder = sharp ? 'sharp' : 'js'
  const orientation = options.orientation ?? 1
  const quality = options.quality ?? 80
  const decode = async (source: Uint8Array, type: string): Promise<Thumbnail | null> =>
    sharp && SHARP_MIME.has(type)
      ? sharpThumbnail(sharp, source, type, maxSide, orientation, quality)
      : jsThumbnail(source, type, maxSide, orientation, quality)

  if (mime === 'image/jpeg' && options.usePreview !== false) {
    const size = readImageSize(bytes, 'jpeg')
    const preview = size && choosePreview(findEmbeddedPreviews(bytes), size, maxSide)
    if (preview) {
      const thumbnail = await decode(preview.bytes, 'image/jpeg').catch(() => null)
      if (thumbnail) return { ok: true, thumbnail, madeFrom: 'preview', decoder }
    }
  }
  try {
    const thumbnail = await decode(bytes, mime)
    return thumbnail
      ? { ok: true, thumbnail, madeFrom: 'image', decoder }
      : { ok: false, decoder: 'js' }
  } catch (error) {
    return {
      ok: false,
      decoder: sharp && SHARP_MIME.has(mime) ? 'sharp' : 'js',
      damage: oneLine(error),
    }
  }
}

/**
 * A thumbnail as `makeThumbnail` makes it, or null when none can be made (a format no decoder
 * here reads, damaged data): a thumbnail is optional, the caller keeps the image.
 */
export async function createThumbnail(
  bytes: Uint8Array,
  mime: string,
  maxSide: number = DEFAULT_THUMBNAIL_SIDE,
  options: ThumbnailOptions = {},
): Promise<Thumbnail | null> {
  const outcome = await makeThumbnail(bytes, mime, maxSide, options)
  return outcome.ok ? outcome.thumbnail : null
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0].trim() || 'the decoder gave no reason'
}
