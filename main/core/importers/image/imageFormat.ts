/** The still-image formats the photo importer reads. */
export type ImageFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'heic'

export const IMAGE_MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  webp: 'image/webp',
  heic: 'image/heic',
}

const EXTENSIONS: Record<string, ImageFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
  webp: 'webp',
  heic: 'heic',
  heif: 'heic',
}

const MIME_FORMATS: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/tiff': 'tiff',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
}

// HEIF brands for still images (ISO/IEC 23008-12); `mif1`/`msf1` are the generic ones.
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])

/** The format claimed by a path's extension, if it is one of ours. */
export function imageFormatFromName(name: string): ImageFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name.split(/[?#]/)[0])?.[1]?.toLowerCase()
  return ext ? EXTENSIONS[ext] : undefined
}

/** The format named by a MIME type (parameters ignored), if it is one of ours. */
export function imageFormatFromMime(mime: string | undefined): ImageFormat | undefined {
  return mime ? MIME_FORMATS[mime.split(';')[0].trim().toLowerCase()] : undefined
}

/** The format the first bytes prove (magic numbers), or undefined when they match none. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = bytes
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'tiff'
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp'
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'heic'
  return undefined
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to))
}
