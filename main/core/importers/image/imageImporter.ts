import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PhotoDraft, PhotoMeta } from '../../model'
import { MAX_TAG_LENGTH, normalizeTag, tagKey, tagSegments } from '../../tags'
import { DEFAULT_THUMBNAIL_SIDE, makeThumbnail } from '../../thumbnails/createThumbnail'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  type ImportContext,
  type ImportInput,
  type Importer,
} from '../importer'
import {
  IMAGE_MIME,
  imageFormatFromMime,
  imageFormatFromName,
  sniffImageFormat,
  type ImageFormat,
} from './imageFormat'
import { refusalBeforeDecoding } from './imageIntegrity'
import { readImageSize } from './imageSize'
import { captionAndCredit } from './photoCredit'
import { photoTitle } from './photoTitle'
import {
  mergeMetadata,
  readEmbeddedMetadata,
  readXmpSidecar,
  type EmbeddedMetadata,
} from './readEmbeddedMetadata'

export interface ImageImporterOptions {
  /**
   * Read the XMP sidecar of an image file (`photo.xmp` or `photo.jpg.xmp`), or undefined when
   * there is none. Default: look beside the file on disk. Pass `async () => undefined` to skip.
   */
  readSidecar?: (imagePath: string) => Promise<Uint8Array | undefined>
  /** Longest side of the thumbnail in pixels (default 320). */
  thumbnailSide?: number
}

/**
 * Build the photo importer: JPEG, TIFF, PNG, WebP and HEIC files become one `PhotoDraft` each,
 * with caption, credit, IPTC/XMP/EXIF fields, the image kept in the archive and a thumbnail.
 *
 * The thumbnail comes from the file's embedded preview when it has a large enough one, else
 * from the image decoded by sharp (pure JS where sharp cannot load): see `makeThumbnail`.
 *
 * Damaged metadata does not stop the import: the photo is archived without it. Throws
 * `ImportError` with one clear sentence, and stores nothing, when the bytes are not an image of
 * a known format (whatever the extension says), when the header claims more pixels than Morgue
 * decodes (a decompression bomb), when a JPEG is truncated or has no image data, when the
 * decoder finds the image data damaged, or when the file is larger than `MAX_IMPORT_BYTES`.
 */
export function createImageImporter(options: ImageImporterOptions = {}): Importer {
  const readSidecar = options.readSidecar ?? readSidecarBeside
  const side = options.thumbnailSide ?? DEFAULT_THUMBNAIL_SIDE
  return {
    name: 'image',
    accepts(input: ImportInput): boolean {
      return (
        imageFormatFromName(input.source) !== undefined ||
        imageFormatFromMime(input.contentType) !== undefined ||
        sniffImageFormat(input.bytes) !== undefined
      )
    },
    async import(input: ImportInput, ctx: ImportContext): Promise<PhotoDraft[]> {
      const fileName = baseName(input.source)
      if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
        throw new ImportError(
          `${fileName} is ${Math.round(input.bytes.byteLength / 1e6)} MB, more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB an imported file may have.`,
        )
      }
      const format = sniffImageFormat(input.bytes)
      if (!format) {
        const claimed = imageFormatFromName(input.source) ?? imageFormatFromMime(input.contentType)
        throw new ImportError(
          claimed
            ? `${fileName} is not a ${claimed.toUpperCase()} image: its content is not an image format Morgue reads.`
            : `${fileName} is not an image Morgue reads (JPEG, PNG, TIFF, WebP or HEIC).`,
        )
      }
      const meta = await readMetadataSafely(input, format, readSidecar)
      ctx.signal?.throwIfAborted()
      const mime = IMAGE_MIME[format]
      const size = readImageSize(input.bytes, format) ?? sizeFromMeta(meta)
      if (!size && DECODABLE.has(format)) {
        // No frame header: a file cut inside its metadata or overwritten, not a photo.
        throw new ImportError(`${fileName} is damaged: it has no image data Morgue can read.`)
      }
      const refusal = refusalBeforeDecoding(input.bytes, format, size, fileName)
      if (refusal) throw new ImportError(refusal)
      const { caption, credit } = captionAndCredit(meta)
      const made = await makeThumbnail(input.bytes, mime, side, { orientation: meta.orientation })
      if (!made.ok && made.damage && (made.decoder === 'sharp' || DECODABLE.has(format))) {
        throw new ImportError(
          `${fileName} is damaged: its image data cannot be decoded (${made.damage}).`,
        )
      }
      const thumb = made.ok ? made.thumbnail : null
      const image = await ctx.putBlob(input.bytes, mime, fileName)
      const thumbnail = thumb
        ? await ctx.putBlob(thumb.bytes, thumb.mime, thumbnailName(fileName, thumb.mime))
        : undefined
      const photoMeta = toPhotoMeta(meta, size)
      const draft: PhotoDraft = {
        kind: 'photo',
        title: photoTitle(meta, caption, fileName),
        tags: keywordTags(meta.keywords, meta.keywordPaths),
        origin: { kind: 'image', path: input.source },
        photo: {
          id: 'p0',
          caption,
          credit,
          src: fileName,
          image,
          ...(thumbnail ? { thumbnail } : {}),
          meta: photoMeta,
        },
      }
      if (meta.dateCreated) draft.publishedAt = meta.dateCreated
      const source = credit?.agency ?? meta.creditLine
      if (source) draft.source = source
      return [draft]
    },
  }
}

/** Formats the pure-JS thumbnailer decodes too, so a failure to decode them means damage. */
const DECODABLE = new Set<ImageFormat>(['jpeg', 'png'])

/** The photo importer with default options (sidecars read from disk, 320 px thumbnails). */
export const imageImporter: Importer = createImageImporter()

async function readMetadataSafely(
  input: ImportInput,
  format: ImageFormat,
  readSidecar: (imagePath: string) => Promise<Uint8Array | undefined>,
): Promise<EmbeddedMetadata> {
  let meta: EmbeddedMetadata = { creators: [], keywords: [] }
  try {
    meta = await readEmbeddedMetadata(input.bytes, format)
  } catch {
    // Damaged EXIF/XMP (a cut APP1, a bad IFD offset): the pixels are still worth archiving.
  }
  try {
    const sidecar = await readSidecar(input.source)
    if (sidecar) meta = mergeMetadata(meta, await readXmpSidecar(sidecar))
  } catch {
    // A broken sidecar is ignored the same way.
  }
  return meta
}

async function readSidecarBeside(imagePath: string): Promise<Uint8Array | undefined> {
  if (!path.isAbsolute(imagePath)) return undefined
  const withoutExt = imagePath.replace(/\.[^./\\]+$/, '')
  for (const candidate of [`${withoutExt}.xmp`, `${withoutExt}.XMP`, `${imagePath}.xmp`]) {
    try {
      return await readFile(candidate)
    } catch {
      // not there: try the next spelling
    }
  }
  return undefined
}

function toPhotoMeta(
  meta: EmbeddedMetadata,
  size: { width: number; height: number } | undefined,
): PhotoMeta {
  const out: PhotoMeta = {}
  if (meta.headline) out.headline = meta.headline
  if (meta.creators.length) out.creator = meta.creators.join('; ')
  if (meta.creditLine) out.creditLine = meta.creditLine
  if (meta.source) out.source = meta.source
  if (meta.copyright) out.copyright = meta.copyright
  if (meta.city) out.city = meta.city
  if (meta.country) out.country = meta.country
  if (meta.dateCreated) out.dateCreated = meta.dateCreated
  if (meta.keywords.length) out.keywords = meta.keywords
  if (size) {
    // Report the size as displayed: EXIF orientations 5–8 turn the stored pixels a quarter.
    const turned = (meta.orientation ?? 1) >= 5
    out.width = turned ? size.height : size.width
    out.height = turned ? size.width : size.height
  }
  return out
}

function sizeFromMeta(meta: EmbeddedMetadata): { width: number; height: number } | undefined {
  return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined
}

/**
 * Keywords become tags, except wire-system codes (Reuters' `:rel:d:bm:GF2EA7M0GIR01` starts with
 * a colon) and over-long phrases that are not labels. Hierarchical keywords become tag paths;
 * ancestor paths listed beside their descendants are left to the tree, and a flat keyword that
 * is a level of one of them (Lightroom writes `Raqqa`, `Syria` and
 * `Places` beside `Places|Syria|Raqqa`) is that path, not a tag of its own.
 */
function keywordTags(keywords: string[], paths: readonly string[] = []): string[] {
  const seen = new Set<string>()
  const levels = new Set<string>()
  const out: string[] = []
  const add = (tag: string) => {
    if (!tag || tag.startsWith(':') || tag.length > MAX_TAG_LENGTH) return
    const key = tagKey(tag)
    if (seen.has(key)) return
    seen.add(key)
    out.push(tag)
  }
  // Lightroom also lists every ancestor path (`Places|Syria` beside `Places|Syria|Raqqa`):
  // the deepest paths are the tags, the tree gives the rest.
  const keys = paths.map((p) => tagKey(p))
  paths.forEach((path, i) => {
    for (const level of tagSegments(path)) levels.add(tagKey(level))
    if (!keys.some((k) => k.length > keys[i].length && k.startsWith(`${keys[i]}/`))) add(path)
  })
  for (const k of keywords) {
    const tag = normalizeTag(k)
    if (!levels.has(tagKey(tag))) add(tag)
  }
  return out
}

function baseName(source: string): string {
  const clean = source.split(/[?#]/)[0]
  return decodeURIComponentSafe(clean.split(/[\\/]/).pop() || clean) || 'image'
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function thumbnailName(fileName: string, mime: string): string {
  return `${fileName.replace(/\.[^.]+$/, '')}-thumb.${mime === 'image/png' ? 'png' : 'jpg'}`
}
