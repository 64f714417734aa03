import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BlobRef } from '../../model'
import { createThumbnail } from '../../thumbnails/createThumbnail'
import { fetchLimited, type FetchLimits } from '../html/fetchLimited'
import { IMAGE_MIME, sniffImageFormat } from '../image/imageFormat'
import { ImportError, type ImportContext } from '../importer'

/** An image kept in the archive, or why it could not be. */
export type ImageResult =
  | { ok: true; image: BlobRef; thumbnail?: BlobRef }
  | { ok: false; reason: string; /** Not tried: the network looked down. */ skipped?: boolean }

/**
 * Where a reference was found. Local files are read only beside or below the imported file's
 * folder; a relative reference is resolved against the file.
 */
export interface ImageScope {
  /** Absolute path of the imported file. Absent (pasted text, a URL): no local files. */
  file?: string
  /**
   * The address the page was saved from: an image under the page's own folder there is looked
   * for beside the saved file first (`Page_files/a.jpg`), as a browser's "save complete" wrote it.
   */
  pageUrl?: string
}

export interface ImageDownloaderOptions {
  /** Per image, in ms, redirects and body included (default 15 s). */
  timeoutMs?: number
  /** Larger images are refused, counted while streaming (default 20 MB). */
  maxBytes?: number
  /** Redirects followed per image (default 5). */
  maxRedirects?: number
  /** Downloads and file reads at the same time, over every caller (default 4). */
  concurrency?: number
  /**
   * After this many network failures in a row with no success, remote images are not tried
   * (default 3): offline, a feed of 200 items must not wait 200 timeouts.
   */
  giveUpAfter?: number
  /** Told after each image is settled: archived or failed. */
  onProgress?: (progress: ImageProgress) => void
}

export interface ImageProgress {
  done: number
  failed: number
  total: number
}

export interface ImageDownloaderDeps {
  putBlob: ImportContext['putBlob']
  /** Absent: remote images fail with "no network". */
  fetch?: ImportContext['fetch']
  signal?: AbortSignal
}

/** The one image downloader of every importer (see `createImageDownloader`). */
export interface ImageDownloader {
  /**
   * Keep the image a reference names: an http(s) URL, a `data:` URI or a `file:` URL (inside
   * `scope.root`). Each reference is fetched once per downloader; never throws except for an
   * abort of the signal.
   */
  archive(ref: string, scope?: ImageScope): Promise<ImageResult>
  progress(): ImageProgress
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5 }
const WEB_IMAGE_MIME: Record<string, string> = { gif: 'image/gif', avif: 'image/avif' }

/**
 * One downloader for every importer, in the import worker (reached through the context's
 * `archiveImage`) or the main thread. Remote images go through `fetchLimited` (http(s) only,
 * each redirect checked and counted, the body counted while it streams and aborted at the size
 * limit, a timeout for the whole download); a response whose Content-Type is a page or text is
 * refused before its body is read, and whatever arrives must prove to be an image by its first
 * bytes (JPEG, PNG, GIF, WebP, AVIF, TIFF, HEIC), so a server's HTML error page is never kept
 * as a photo. `data:` URIs are decoded; local files are read only below the scope's root
 * (symbolic links resolved first), so `../../etc/passwd` stays out. Each kept image gets a
 * thumbnail. At most `concurrency` images are in flight at once.
 */
export function createImageDownloader(
  deps: ImageDownloaderDeps,
  options: ImageDownloaderOptions = {},
): ImageDownloader {
  const limits: FetchLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
  }
  const giveUpAfter = options.giveUpAfter ?? 3
  const slots = createSlots(options.concurrency ?? 4)
  const cache = new Map<string, Promise<ImageResult>>()
  const state: ImageProgress = { done: 0, failed: 0, total: 0 }
  let networkFailuresInRow = 0

  async function load(
    ref: string,
    root: string | undefined,
  ): Promise<{ bytes: Uint8Array; name?: string }> {
    if (/^data:/i.test(ref)) return { bytes: decodeDataUri(ref, limits.maxBytes) }
    if (/^file:/i.test(ref)) return readLocal(ref, root, limits.maxBytes)
    if (!/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      throw new ImportError(`${ref} is not an address Morgue can fetch.`)
    }
    if (!deps.fetch) throw new ImportError(`${ref} was not fetched: there is no network here.`)
    if (networkFailuresInRow >= giveUpAfter) {
      throw new NotTried(`${ref} was not tried: the network looked down.`)
    }
    try {
      const got = await fetchLimited(deps.fetch, ref, limits, deps.signal, (type, at) => {
        const mime = type?.split(';')[0].trim().toLowerCase()
        if (!mime || mime.startsWith('image/') || /octet-stream/.test(mime)) return null
        return `${at} sent ${mime}, not an image (an error page?).`
      })
      networkFailuresInRow = 0
      return { bytes: got.bytes, name: fileNameOf(got.finalUrl) }
    } catch (err) {
      if (deps.signal?.aborted) throw err
      if (isNetworkFailure(err)) networkFailuresInRow++
      throw err
    }
  }

  async function keep(ref: string, scope: ImageScope): Promise<ImageResult> {
    const root = scope.file ? dirname(scope.file) : undefined
    const candidates = await candidatesOf(ref, scope)
    let loaded: { bytes: Uint8Array; name?: string } | undefined
    for (const [i, candidate] of candidates.entries()) {
      try {
        loaded = await slots.run(() => load(candidate, root))
        break
      } catch (err) {
        if (i === candidates.length - 1) throw err
      }
    }
    const { bytes, name } = loaded!
    const mime = imageMime(bytes)
    if (!mime) {
      return {
        ok: false,
        reason: `${shortRef(ref)} is not an image (its bytes are not a picture).`,
      }
    }
    const image = await deps.putBlob(bytes, mime, name)
    const thumb = await createThumbnail(bytes, mime)
    const thumbnail = thumb ? await deps.putBlob(thumb.bytes, thumb.mime) : undefined
    return thumbnail ? { ok: true, image, thumbnail } : { ok: true, image }
  }

  return {
    archive(ref, scope = {}) {
      const key = ref.trim()
      // A relative path means a different file for each page: it is keyed by where it leads.
      const known = cache.get(keyOf(key, scope))
      if (known) return known
      state.total++
      const result = keep(key, scope).then(
        (r) => r,
        (err: unknown): ImageResult => {
          if (deps.signal?.aborted) throw err
          if (err instanceof NotTried) return { ok: false, reason: err.message, skipped: true }
          if (err instanceof ImportError) return { ok: false, reason: err.message }
          return { ok: false, reason: `${shortRef(key)} could not be read (${String(err)}).` }
        },
      )
      const settled = result.then((r) => {
        state.done++
        if (!r.ok) state.failed++
        options.onProgress?.({ ...state })
        return r
      })
      cache.set(keyOf(key, scope), settled)
      return settled
    },
    progress: () => ({ ...state }),
  }
}

/**
 * The places to try for a reference, in order: `data:`/`file:`/remote URLs as they are; a
 * relative path beside the imported file; a remote image under the saved page's folder is
 * looked for beside the file first when it exists there.
 */
async function candidatesOf(ref: string, scope: ImageScope): Promise<string[]> {
  const fileUrl = scope.file ? pathToFileURL(scope.file).href : undefined
  if (!/^[a-z][a-z0-9+.-]*:/i.test(ref) || /^[a-z]:[\\/]/i.test(ref)) {
    if (!fileUrl) return [ref]
    try {
      return [new URL(ref.replace(/\\/g, '/'), fileUrl).href]
    } catch {
      return [ref]
    }
  }
  if (!fileUrl || !scope.pageUrl || !/^https?:/i.test(ref)) return [ref]
  const pageDir = scope.pageUrl.replace(/[?#].*$/, '').replace(/[^/]*$/, '')
  const bare = ref.replace(/[?#].*$/, '')
  if (!bare.startsWith(pageDir) || bare.length === pageDir.length) return [ref]
  const local = new URL(bare.slice(pageDir.length), fileUrl).href
  const exists = await stat(fileURLToPath(local)).then(
    (s) => s.isFile(),
    () => false,
  )
  return exists ? [local, ref] : [ref]
}

function keyOf(ref: string, scope: ImageScope): string {
  if (/^(?:https?|data|file):/i.test(ref) && !scope.pageUrl) return ref
  return `${scope.file ?? ''}\n${scope.pageUrl ?? ''}\n${ref}`
}

/** The MIME type the bytes prove, for the formats a browser shows; undefined when none. */
export function imageMime(bytes: Uint8Array): string | undefined {
  const format = sniffImageFormat(bytes)
  if (format) return IMAGE_MIME[format]
  const head = String.fromCharCode(...bytes.subarray(0, 12))
  if (/^GIF8[79]a/.test(head)) return WEB_IMAGE_MIME.gif
  if (head.slice(4, 8) === 'ftyp' && /^avi[fs]$/.test(head.slice(8, 12))) return WEB_IMAGE_MIME.avif
  return undefined
}

function decodeDataUri(uri: string, maxBytes: number): Uint8Array {
  const match = /^data:([^,]*?),(.*)$/is.exec(uri)
  if (!match) throw new ImportError('An inline image (data: URI) is malformed.')
  const [, meta, payload] = match
  if (payload.length > maxBytes * 1.4) throw new ImportError('An inline image is too large.')
  if (/;base64$/i.test(meta)) return new Uint8Array(Buffer.from(payload, 'base64'))
  return new Uint8Array(Buffer.from(decodeURIComponent(payload), 'latin1'))
}

async function readLocal(
  ref: string,
  root: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; name?: string }> {
  let path: string
  try {
    path = fileURLToPath(ref)
  } catch {
    throw new ImportError(`${ref} is not a file path Morgue can read.`)
  }
  if (!root) throw new ImportError(`${path} is a local file, and this import has no folder.`)
  const inside = (base: string, p: string) => {
    const rel = relative(base, p)
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
  }
  if (!inside(root, path)) {
    throw new ImportError(`${path} is outside the imported page's folder, so it was not read.`)
  }
  let real: string
  try {
    real = await realpath(path)
    if (!inside(await realpath(root), real)) {
      throw new ImportError(`${path} leads outside the imported page's folder, so it was not read.`)
    }
    const info = await stat(real)
    if (!info.isFile()) throw new ImportError(`${path} is not a file.`)
    if (info.size > maxBytes) {
      throw new ImportError(`${path} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`)
    }
  } catch (err) {
    if (err instanceof ImportError) throw err
    const code = (err as { code?: string }).code
    throw new ImportError(
      code === 'ENOENT'
        ? `${path} is missing beside the page.`
        : `${path} cannot be read (${code}).`,
    )
  }
  return { bytes: new Uint8Array(await readFile(real)), name: real.split(sep).pop() }
}

class NotTried extends ImportError {}

/** At most `n` tasks at once, the rest queued in order. */
function createSlots(n: number): { run<T>(task: () => Promise<T>): Promise<T> } {
  let active = 0
  const queue: (() => void)[] = []
  return {
    async run(task) {
      if (active >= n) await new Promise<void>((resolve) => queue.push(resolve))
      active++
      try {
        return await task()
      } finally {
        active--
        queue.shift()?.()
      }
    },
  }
}

/** A failure to reach the server at all (not an HTTP status, a type or a size). */
function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof ImportError)) return true
  return /could not be found|cannot be reached|refused the connection|did not answer|could not be reached/.test(
    err.message,
  )
}

function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop()
    return last ? decodeURIComponent(last) : undefined
  } catch {
    return undefined
  }
}

/** A reference short enough for a message (data: URIs are long). */
export function shortRef(ref: string): string {
  if (/^data:/i.test(ref)) return `An inline image (${ref.slice(0, 30)}…)`
  if (/^file:/i.test(ref)) {
    try {
      return fileURLToPath(ref)
    } catch {
      return ref
    }
  }
  return ref
}

/**
 * How an importer keeps images: the context's `archiveImage` (the archive's downloader, which
 * knows the imported file) or, without one, a downloader of its own over the context's `fetch`
 * and `putBlob`, scoped to `file`.
 */
export function contextArchiver(
  ctx: ImportContext,
  options: ImageDownloaderOptions & { file?: string } = {},
): (ref: string, pageUrl?: string) => Promise<ImageResult> {
  if (ctx.archiveImage) return ctx.archiveImage
  const own = createImageDownloader(
    { putBlob: ctx.putBlob, fetch: ctx.fetch, signal: ctx.signal },
    options,
  )
  return (ref, pageUrl) => own.archive(ref, { file: options.file, pageUrl })
}
