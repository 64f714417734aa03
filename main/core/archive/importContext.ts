import { resolve } from 'node:path'
import type { ImportOptions } from '../archiveApi'
import type { ImportContext } from '../importers/importer'
import { createImageDownloader, type ImageDownloader } from '../importers/offline/imageDownloader'
import type { ArchiveContext } from './context'

/** The one image downloader of an import run (see importers/offline/imageDownloader). */
export function imageDownloaderFor(
  ctx: ArchiveContext,
  options: ImportOptions,
  onImages?: () => void,
): ImageDownloader {
  return createImageDownloader(
    {
      putBlob: (bytes, mime, fileName) => ctx.store.putBlob(bytes, mime, fileName),
      fetch: ctx.fetch,
      signal: options.signal,
    },
    { onProgress: onImages },
  )
}

/** What an importer may use. `file`: the imported file, whose folder local images may come from. */
export function importContextFor(
  ctx: ArchiveContext,
  signal?: AbortSignal,
  images: ImageDownloader = imageDownloaderFor(ctx, { signal }),
  file?: string,
): ImportContext {
  return {
    putBlob: (bytes, mime, fileName, sha256) => ctx.store.putBlob(bytes, mime, fileName, sha256),
    fetch: ctx.fetch,
    signal,
    archiveImage: (ref, pageUrl) => images.archive(ref, { file: file && resolve(file), pageUrl }),
  }
}
