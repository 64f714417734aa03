import type { ItemDraft } from '../../model'
import { downloadPhotoImages } from '../downloadPhotoImages'
import type { ImportContext } from '../importer'
import { mergeMissing } from './snapshotImages'

/**
 * After any importer: keep the photo images its drafts still only refer to (Markdown images,
 * feed media, URLs in a JSON import), through the context's downloader, and note on each
 * article the images that could not be kept (`missingImages`, with the reason). Images the
 * importer already tried are not fetched again (the downloader remembers each reference).
 */
export async function archiveDraftImages(drafts: ItemDraft[], ctx: ImportContext): Promise<void> {
  await Promise.all(
    drafts.map(async (draft) => {
      if (draft.kind !== 'article') return
      const { missing } = await downloadPhotoImages(draft.photos, ctx)
      const kept = new Set(draft.photos.filter((p) => p.image && p.src).map((p) => p.src!))
      const all = mergeMissing([...(draft.missingImages ?? []), ...missing]).filter(
        (m) => !kept.has(m.url),
      )
      if (all.length) draft.missingImages = all
      else delete draft.missingImages
    }),
  )
}
