import { createHash } from 'node:crypto'
import { readFile, realpath } from 'node:fs/promises'
import { join, relative, sep, isAbsolute } from 'node:path'

/** A blob ready to serve: its bytes and the only content type we will ever label it with. */
export interface MediaFile {
  bytes: Buffer
  mime: string
}

/** Headers every media response carries: never sniffed, never run as a document. */
export const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cache-Control': 'private, max-age=31536000, immutable',
}

const SHA256 = /^[0-9a-f]{64}$/

/**
 * The raster image types we label as images, by their first bytes. Anything else (HTML
 * snapshots, SVG, text) is served as `text/plain`, so a blob can never become an active
 * document (SVG and HTML can carry script).
 */
export function sniffImageMime(bytes: Uint8Array): string | null {
  const b = bytes
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png'
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif'
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

/**
 * Read a blob of the archive for display, by its sha256. Only files under `<archive>/blobs`
 * can be reached: the name must be a sha256 (no `/`, no `..`), and the real path (symlinks
 * resolved) must stay inside the real blobs folder, and the bytes must still match the sha256
 * (a damaged file is never shown as good). Returns null for anything else.
 */
export async function readMedia(
  archiveDir: string,
  blobPath: (sha256: string) => string,
  sha256: string,
): Promise<MediaFile | null> {
  if (!SHA256.test(sha256)) return null
  try {
    const root = await realpath(join(archiveDir, 'blobs'))
    const real = await realpath(blobPath(sha256))
    const rel = relative(root, real)
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
    const bytes = await readFile(real)
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return null
    return { bytes, mime: sniffImageMime(bytes) ?? 'text/plain; charset=utf-8' }
  } catch {
    return null
  }
}
