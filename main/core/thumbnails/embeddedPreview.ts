import { readImageSize } from '../importers/image/imageSize'

/** A JPEG preview a camera or an editor embedded in a JPEG file. */
export interface EmbeddedPreview {
  /** The preview's own JPEG bytes (a view into the file, not a copy). */
  bytes: Uint8Array
  width: number
  height: number
  /** EXIF IFD1 thumbnail (APP1), or an image of the Multi-Picture Format index (APP2). */
  from: 'exif' | 'mpf'
}

/**
 * The JPEG previews embedded in a JPEG file, as Photo Mechanic reads them: the EXIF thumbnail
 * (IFD1, JPEGInterchangeFormat, inside APP1) and the preview images of CIPA DC-007 Multi-Picture
 * Format (APP2 `MPF`, images stored after the main image; Nikon, Canon and Sony put a
 * 1.6–2 MP preview there). Only the segments before the first scan are walked: nothing is
 * decoded. Previews that are not whole JPEGs (cut, or pointing outside the file) are left out.
 * Never throws.
 */
export function findEmbeddedPreviews(file: Uint8Array): EmbeddedPreview[] {
  const out: EmbeddedPreview[] = []
  try {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
    let at = 2
    while (at + 4 <= file.length && file[at] === 0xff) {
      const marker = file[at + 1]
      if (marker === 0xff) {
        at++
        continue
      }
      if (marker === 0xda || marker === 0xd9) break // first scan: no more metadata segments
      const length = view.getUint16(at + 2)
      const body = at + 4
      if (marker === 0xe1 && ascii(file, body, 6) === 'Exif\0\0') {
        const tiff = body + 6
        const thumb = exifThumbnail(file, view, tiff)
        if (thumb)
          push(out, file.subarray(tiff + thumb.offset, tiff + thumb.offset + thumb.length), 'exif')
      } else if (marker === 0xe2 && ascii(file, body, 4) === 'MPF\0') {
        const tiff = body + 4
        for (const image of mpfImages(file, view, tiff)) {
          push(out, file.subarray(tiff + image.offset, tiff + image.offset + image.length), 'mpf')
        }
      }
      at += 2 + length
    }
  } catch {
    // A damaged segment ends the walk: keep what was found before it.
  }
  return out
}

/**
 * The smallest preview that makes a thumbnail of `side` pixels without enlarging and that shows
 * the whole picture (its aspect ratio within 2 % of the image's, so a letterboxed 160 × 120
 * EXIF thumbnail of a 3:2 photo is not taken). Undefined when none fits: decode the image then.
 */
export function choosePreview(
  previews: readonly EmbeddedPreview[],
  image: { width: number; height: number },
  side: number,
): EmbeddedPreview | undefined {
  const imageLong = Math.max(image.width, image.height)
  const needed = Math.min(side, imageLong)
  const aspect = image.width / image.height
  return previews
    .filter(
      (p) =>
        Math.max(p.width, p.height) >= needed &&
        p.width * p.height < image.width * image.height &&
        Math.abs(p.width / p.height - aspect) / aspect <= 0.02,
    )
    .sort((a, b) => a.width * a.height - b.width * b.height)[0]
}

function push(out: EmbeddedPreview[], bytes: Uint8Array, from: EmbeddedPreview['from']): void {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || !endsWithEoi(bytes)) return
  const size = readImageSize(bytes, 'jpeg')
  if (size && size.width > 0 && size.height > 0) out.push({ bytes, from, ...size })
}

/** A whole JPEG ends with EOI (FF D9), maybe followed by a few padding bytes. */
function endsWithEoi(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  }
  return false
}

interface TiffHeader {
  little: boolean
  firstIfd: number
}

function tiffHeader(file: Uint8Array, view: DataView, tiff: number): TiffHeader | undefined {
  const order = ascii(file, tiff, 2)
  if (order !== 'II' && order !== 'MM') return undefined
  const little = order === 'II'
  if (view.getUint16(tiff + 2, little) !== 42) return undefined
  return { little, firstIfd: view.getUint32(tiff + 4, little) }
}

/** Entries of the IFD at `ifd` (relative to `tiff`): tag → value/offset field, and the next IFD. */
function readIfd(
  view: DataView,
  tiff: number,
  ifd: number,
  little: boolean,
): { tags: Map<number, { type: number; count: number; value: number }>; next: number } {
  const start = tiff + ifd
  const count = view.getUint16(start, little)
  const tags = new Map<number, { type: number; count: number; value: number }>()
  for (let i = 0; i < count; i++) {
    const e = start + 2 + i * 12
    const type = view.getUint16(e + 2, little)
    // SHORT values sit left-justified in the 4-byte field; LONG values and offsets fill it.
    const value = type === 3 ? view.getUint16(e + 8, little) : view.getUint32(e + 8, little)
    tags.set(view.getUint16(e, little), { type, count: view.getUint32(e + 4, little), value })
  }
  return { tags, next: view.getUint32(start + 2 + count * 12, little) }
}

function exifThumbnail(
  file: Uint8Array,
  view: DataView,
  tiff: number,
): { offset: number; length: number } | undefined {
  const header = tiffHeader(file, view, tiff)
  if (!header) return undefined
  const ifd0 = readIfd(view, tiff, header.firstIfd, header.little)
  if (!ifd0.next) return undefined
  const ifd1 = readIfd(view, tiff, ifd0.next, header.little)
  const offset = ifd1.tags.get(0x0201)?.value
  const length = ifd1.tags.get(0x0202)?.value
  return offset && length ? { offset, length } : undefined
}

/** MP Entries (tag B002, 16 bytes each) after the first, which is the main image itself. */
function mpfImages(
  file: Uint8Array,
  view: DataView,
  tiff: number,
): { offset: number; length: number }[] {
  const header = tiffHeader(file, view, tiff)
  if (!header) return []
  const index = readIfd(view, tiff, header.firstIfd, header.little)
  const entries = index.tags.get(0xb002)
  if (!entries || entries.count < 32) return []
  const out: { offset: number; length: number }[] = []
  for (let i = 1; i < Math.floor(entries.count / 16); i++) {
    const e = tiff + entries.value + i * 16
    const length = view.getUint32(e + 4, header.little)
    const offset = view.getUint32(e + 8, header.little)
    if (offset && length) out.push({ offset, length })
  }
  return out
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length))
}
