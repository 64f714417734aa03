import { createHash } from 'node:crypto'
import type { ItemDraft } from './model'

/** Whitespace collapsed, NFC: two copies of one text that differ only in layout hash alike. */
function canonical(text: string | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim()
}

/**
 * The content hash that makes re-importing the same content a duplicate: an article is its title,
 * body and captions; a standalone photo is its image bytes (or its caption when it has none).
 */
export function contentHash(draft: ItemDraft): string {
  const h = createHash('sha256')
  if (draft.kind === 'article') {
    h.update('article\n')
    h.update(canonical(draft.title) + '\n')
    for (const p of draft.body) h.update(canonical(p) + '\n')
    for (const photo of draft.photos) h.update('photo:' + canonical(photo.caption) + '\n')
  } else {
    h.update('photo\n')
    const image = draft.photo.image?.sha256
    h.update(
      image
        ? `image:${image}`
        : `caption:${canonical(draft.photo.caption)}|${canonical(draft.title)}`,
    )
  }
  return h.digest('hex')
}
