import { parseCredit, splitCaptionCredit } from '../../credits'
import type { Credit } from '../../model'
import type { EmbeddedMetadata } from './readEmbeddedMetadata'

export interface CaptionAndCredit {
  /** The caption without a credit glued to its end. */
  caption: string
  credit: Credit | null
}

/**
 * The caption and the best credit of a photo.
 *
 * A credit at the end of the caption (`… REUTERS/Mario Anzuoni`) wins: it is the line the
 * agency wrote for publication. Otherwise the IPTC By-line and Credit Line are composed
 * (`MARIO ANZUONI` + `REUTERS` → `MARIO ANZUONI / REUTERS`) unless one already contains the
 * other; then either alone; then the copyright notice, so a photo with nothing but
 * `(c) Aprescindere | Dreamstime.com` can still be found by its credit.
 */
export function captionAndCredit(meta: EmbeddedMetadata): CaptionAndCredit {
  const text = meta.caption ?? ''
  if (text) {
    const split = splitCaptionCredit(text)
    if (split.credit) {
      return { caption: split.caption.trim(), credit: withBylinePhotographer(split.credit, meta) }
    }
  }
  const raw = composeCreditLine(meta)
  return { caption: text, credit: raw ? withBylinePhotographer(parseCredit(raw), meta) : null }
}

/**
 * IPTC By-line names the photographer by definition: when the credit line yields none
 * (`©1985 David Riecks: www.riecks.com`, `(AP)`), take it from a by-line that parses as a
 * person alone. A by-line that parses as an organisation (`REUTERS TV`, `SANA`) or a placeholder
 * (`STR`, `HO`) adds nothing.
 */
function withBylinePhotographer(credit: Credit, meta: EmbeddedMetadata): Credit {
  if (credit.photographer || meta.creators.length !== 1) return credit
  const byline = parseCredit(meta.creators[0])
  if (!byline.photographer || byline.agencies.length) return credit
  return { ...credit, photographer: byline.photographer }
}

/** The credit line built from the separate IPTC fields, or undefined when there are none. */
export function composeCreditLine(meta: EmbeddedMetadata): string | undefined {
  const byline = meta.creators.join('; ') || undefined
  const credit = meta.creditLine
  if (byline && credit) {
    const b = byline.toLowerCase()
    const c = credit.toLowerCase()
    // `Allan Kohl; Minneapolis College…` already names the by-line: composing would repeat it.
    if (c.includes(b)) return credit
    return `${byline} / ${credit}`
  }
  return byline ?? credit ?? meta.copyright
}
