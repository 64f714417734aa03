// Placeholder signatures; the credit parser module replaces this file's bodies.
import type { Credit } from '../model'

/** Parse a credit line such as `DELIL SOULEIMAN / AFP` or `(AP Photo/Evan Vucci)`. */
export function parseCredit(raw: string): Credit {
  return { raw, photographer: null, agency: null, agencies: [], agencyIds: [] }
}

/**
 * Find a credit inside a caption's text (e.g. `… in Raqa. DELIL SOULEIMAN / AFP`).
 * Returns the caption without the credit, and the credit, or null when there is none.
 */
export function splitCaptionCredit(caption: string): { caption: string; credit: Credit | null } {
  return { caption, credit: null }
}
