import type { ArchiveItem } from '../model'

/** A piece of an item's text with the weight an occurrence in it carries. */
export interface WeightedText {
  field: 'title' | 'subtitle' | 'body' | 'caption' | 'credit'
  text: string
  weight: number
}

/**
 * Weights: a term in the headline or a caption says more about the story than one in the
 * body; the first paragraph (the lede) more than the rest.
 */
export const FIELD_WEIGHTS = { title: 3, subtitle: 2, lede: 1.5, body: 1, caption: 2, credit: 1.5 }

/** The texts suggestions are looked for in: title, subtitle, body, captions and credits. */
export function itemFields(item: ArchiveItem): WeightedText[] {
  const out: WeightedText[] = []
  const add = (field: WeightedText['field'], text: string | undefined, weight: number) => {
    if (text && text.trim()) out.push({ field, text, weight })
  }
  add('title', item.title, FIELD_WEIGHTS.title)
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  if (item.kind === 'article') {
    add('subtitle', item.subtitle, FIELD_WEIGHTS.subtitle)
    item.body.forEach((p, i) => add('body', p, i === 0 ? FIELD_WEIGHTS.lede : FIELD_WEIGHTS.body))
  }
  for (const p of photos) {
    add('caption', p.caption, FIELD_WEIGHTS.caption)
    add('credit', p.credit?.raw, FIELD_WEIGHTS.credit)
  }
  return out
}
