import type { ImportOptions } from '../archiveApi'
import { hasMissingImages, refetchItemImages } from '../importers/offline/fetchMissingImages'
import type { Article, ItemId, MissingImagesReport } from '../model'
import type { ArchiveContext } from './context'
import { imageDownloaderFor } from './importContext'

/**
 * Try again to keep the images items refer to but the archive lacks (all items, or `ids`);
 * only the images of an item are replaced, whatever else changed meanwhile.
 */
export async function fetchMissingImagesOf(
  ctx: ArchiveContext,
  ids: readonly ItemId[] | undefined,
  options: ImportOptions,
): Promise<MissingImagesReport> {
  const { store, save, mustGet } = ctx
  const candidates: Article[] = []
  if (ids) {
    for (const id of ids) {
      const item = await mustGet(id)
      if (hasMissingImages(item)) candidates.push(item)
    }
  } else {
    for await (const item of store.all()) if (hasMissingImages(item)) candidates.push(item)
  }
  const downloader = imageDownloaderFor(ctx, options, () =>
    options.onProgress?.({ done: 0, total: candidates.length, images: downloader.progress() }),
  )
  const deps = {
    downloader,
    putBlob: store.putBlob.bind(store),
    readBlob: store.readBlob.bind(store),
    signal: options.signal,
  }
  const outcomes = []
  for (const item of candidates) {
    if (options.signal?.aborted) break
    let result: Awaited<ReturnType<typeof refetchItemImages>>
    try {
      result = await refetchItemImages(item, deps)
    } catch (err) {
      if (options.signal?.aborted) break
      throw err
    }
    const { updated, outcome } = result
    // The item may have changed meanwhile (a tag, a note): only its images are replaced.
    const current = updated && (await store.get(item.id))
    if (updated && current?.kind === 'article') {
      const { photos, snapshot, missingImages } = updated
      const next: Article = { ...current, photos, snapshot }
      if (missingImages) next.missingImages = missingImages
      else delete next.missingImages
      await save([next])
    }
    outcomes.push(outcome)
  }
  return {
    items: candidates.length,
    fetched: outcomes.reduce((n, o) => n + o.fetched, 0),
    missing: outcomes.reduce((n, o) => n + o.missing.length, 0),
    outcomes,
  }
}
