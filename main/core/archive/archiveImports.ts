import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { Archive, ImportOptions } from '../archiveApi'
import { importCapturedPage } from '../importers/capture'
import { collectFiles, describeFsError } from '../importers/collectFiles'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  textTooLarge,
  type ImportInput,
} from '../importers/importer'
import { importMorgueExportFile } from '../importers/json/importMorgueExportFile'
import { archiveDraftImages } from '../importers/offline/archiveDraftImages'
import type { ImageDownloader } from '../importers/offline/imageDownloader'
import { prefetch } from '../importers/prefetch'
import { importUrl as fetchAndImportUrl } from '../importers/url'
import type { ImportOutcome, ItemDraft } from '../model'
import { fetchMissingImagesOf } from './archiveMissingImages'
import { importSettingsOf } from './archiveSettings'
import type { ArchiveContext } from './context'
import { batchIsDue, emptyBatch, flushBatch, PARSE_AHEAD, type PendingBatch } from './importBatch'
import { importContextFor, imageDownloaderFor } from './importContext'
import { failed, formatBytes, report } from './importOutcomes'
import type { Ingest } from './ingest'

export type ImportMethods = Pick<
  Archive,
  'importPaths' | 'importText' | 'importCapture' | 'importUrl' | 'fetchMissingImages'
>

const MIME_BY_EXT: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
}

/** Let other work (IPC, progress events) run between files. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Imports: files and folders (parsed a few ahead, on the import workers, written in batches),
 * pasted text, URLs, browser captures, and fetching images still missing.
 */
export function createImportMethods(ctx: ArchiveContext, ingest: Ingest): ImportMethods {
  const { deps, save } = ctx
  const maxFileBytes = deps.maxFileBytes ?? MAX_IMPORT_BYTES

  async function runImporter(
    input: ImportInput,
    signal?: AbortSignal,
    images?: ImageDownloader,
    file?: string,
  ): Promise<ItemDraft[]> {
    const importCtx = importContextFor(ctx, signal, images, file)
    let drafts: ItemDraft[]
    if (deps.runImport) drafts = await deps.runImport(input, importCtx)
    else {
      const importer = deps.importers.find((i) => i.accepts(input))
      if (!importer) {
        throw new ImportError(`${input.source} is not a format Morgue can import.`)
      }
      drafts = await importer.import(input, importCtx)
    }
    await archiveDraftImages(drafts, importCtx)
    return drafts
  }

  /** Read and parse one file of a bulk import into drafts, or the outcome of its failure. */
  async function parseFile(
    path: string,
    size: number,
    options: ImportOptions,
    images?: ImageDownloader,
  ): Promise<ItemDraft[] | ImportOutcome> {
    if (size > maxFileBytes) {
      // Our own NDJSON export grows past the limit with embedded photos: it is read line by line.
      if (/\.(ndjson|jsonl)$/i.test(path)) {
        try {
          const importCtx = importContextFor(ctx, options.signal, images)
          const { drafts } = await importMorgueExportFile(path, importCtx)
          await archiveDraftImages(drafts, importCtx)
          return drafts
        } catch (err) {
          return failed(path, err)
        }
      }
      return failed(
        path,
        new ImportError(
          `${path} is ${formatBytes(size)}; Morgue imports files up to ${formatBytes(maxFileBytes)}.`,
        ),
      )
    }
    const tooLarge = textTooLarge(path, size)
    if (tooLarge) return failed(path, new ImportError(tooLarge))
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (err) {
      return failed(path, new ImportError(describeFsError(err, path)))
    }
    const input: ImportInput = {
      source: path,
      bytes,
      contentType: MIME_BY_EXT[extname(path).toLowerCase()],
    }
    try {
      return await runImporter(input, options.signal, images, path)
    } catch (err) {
      return failed(path, err)
    }
  }

  async function ingestParsed(
    path: string,
    parsed: ItemDraft[] | ImportOutcome,
    options: ImportOptions,
    batch: PendingBatch,
  ): Promise<ImportOutcome> {
    if (!Array.isArray(parsed)) return parsed
    try {
      return await ingest(path, parsed, options, batch)
    } catch (err) {
      return failed(path, err)
    }
  }

  return {
    async importPaths(paths, options = {}) {
      const { files, unreadable } = await collectFiles(paths)
      const outcomes: ImportOutcome[] = unreadable.map((u) => ({
        source: u.path,
        status: 'failed' as const,
        ids: [],
        reason: u.reason,
      }))
      const total = files.length
      options.onProgress?.({ done: 0, total })
      let cancelled = false
      let at = { done: 0, current: undefined as string | undefined }
      const images = imageDownloaderFor(ctx, options, () =>
        options.onProgress?.({ ...at, total, images: images.progress() }),
      )
      // One durable write per batch of files rather than per file: fsync dominates small imports.
      const batch = emptyBatch()
      // Files are parsed a few ahead (on the import workers: two each) and ingested in order.
      const depth = Math.max(PARSE_AHEAD, 2 * (deps.runImport?.parallelism ?? 1))
      const parsed = prefetch(files.length, depth, (j) =>
        parseFile(files[j].path, files[j].bytes, options, images),
      )
      for (const [i, file] of files.entries()) {
        at = { done: i, current: file.path }
        options.onProgress?.({ ...at, total })
        if (options.signal?.aborted) {
          cancelled = true
          break
        }
        const outcome = await ingestParsed(file.path, await parsed(i), options, batch)
        outcomes.push(outcome)
        if (outcome.status !== 'failed') await importSettingsOf(ctx, file.path)
        if (batchIsDue(batch)) await flushBatch(batch, save)
        await breathe()
      }
      await flushBatch(batch, save)
      options.onProgress?.({ done: cancelled ? outcomes.length - unreadable.length : total, total })
      return report(outcomes, cancelled)
    },

    async importText(text, label = 'pasted text', options = {}) {
      const looksMarkdown = /^---\r?\n/.test(text) || /^#\s/m.test(text)
      const input: ImportInput = {
        source: label,
        bytes: new TextEncoder().encode(text),
        contentType: looksMarkdown ? 'text/markdown' : 'text/plain',
      }
      let outcome: ImportOutcome
      try {
        outcome = await ingest(label, await runImporter(input, options.signal), options)
      } catch (err) {
        outcome = failed(label, err)
      }
      return report([outcome], false)
    },

    async importCapture(capture, options = {}) {
      let outcome: ImportOutcome
      try {
        const drafts = await importCapturedPage(capture, importContextFor(ctx, options.signal))
        outcome = await ingest(capture.url, drafts, options)
      } catch (err) {
        outcome = failed(capture.url, err)
      }
      return report([outcome], false)
    },

    async importUrl(url, options = {}) {
      let outcome: ImportOutcome
      try {
        const drafts = await fetchAndImportUrl(url, importContextFor(ctx, options.signal))
        outcome = await ingest(url, drafts, options)
      } catch (err) {
        outcome = failed(url, err)
      }
      return report([outcome], false)
    },

    async fetchMissingImages(ids, options = {}) {
      return fetchMissingImagesOf(ctx, ids, options)
    },
  }
}
