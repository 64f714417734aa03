import type { Credit } from '../model'
import { findKnownAgency } from './agencyLookup'
import { CREDIT_INSTRUCTIONS, TRAILING_WIRE_JUNK } from './creditData'
import { analyzeCredit, type CreditAnalysis } from './parseCredit'

/** Credits are short; a longer tail is caption text, whatever it ends with. */
const MAX_CREDIT_CHARS = 120

/** Where a candidate credit was found, which decides how much evidence it needs. */
type Setting = 'line' | 'tail' | 'brackets'

// Labels that open a credit inside a caption; the longest spelling of each comes first.
const CAPTION_LABELS = [
  'mandatory\\s+credit\\s*:',
  'credit\\s*(?:\\.{2,}|…)',
  '(?:photo|image|picture)\\s+credits?\\s*:',
  'cr[ée]dits?\\s+(?:photos?|images?)\\s*:',
  'cr[ée]dits?\\s*:',
  'photographers?\\s*:',
  'photographs?\\s*:',
  'photos?\\s*:',
  'pictures?\\s*:',
  'images?\\s*:',
  'fotos?\\s*(?:\\/\\s*quelle\\s*)?:',
  'bild(?:rechte|nachweis|quelle)?\\s*:',
  'foto(?:nachweis|quelle)\\s*:',
  'quelle\\s*:',
  'sources?\\s*:',
  'fuente\\s*:',
  'fonte\\s*:',
  'cr[ée]dito\\s*:',
  'fotograf(?:í|i)a\\s*:',
  'imagen\\s*:',
  'immagine\\s*:',
  'surs[ăa]\\s+foto\\s*:',
  'ilustrasi\\s+foto\\s*:',
  '(?:фото|источник)\\s*:',
  'image\\s+(?:copyright|source)\\b',
  '(?:photo\\s*)?©',
  '(?:photo(?:graph)?|picture|foto|fotograf(?:í|i)a|image)\\s+(?:by|de|di|von|par)\\s',
]
const CAPTION_LABEL = new RegExp(`(?:^|(?<=[\\s|(.,;:—–-]))(?:${CAPTION_LABELS.join('|')})`, 'giu')
// NYT pages copied as text glue a visually hidden "Credit" label to both sides.
const GLUED_CREDIT = /(?<=[\p{Ll}.!?”"’)])Credit(?=\p{Lu}\p{Ll}|\.{2,}|…)/gu
// Where a credit may start after caption text: after a sentence, a run of spaces or a dash/pipe.
// A sentence glued to the credit by a page that dropped the space (`…Paris Games.Michel Euler/ AP`).
const TAIL_BOUNDARY =
  /(?<!(?:^|[\s.])(?:\p{Lu}|St|Dr|Jr|Sr|Mr|Mrs|Ms|No|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Ave))[.!?…]["”’)]?\s+|["”’]\s+|\s{2,}|\s[|–—-]\s|\n|(?<=[\p{Ll}\d]{2}[.!?]["”’)]?)(?=\p{Lu}[\p{Ll}\p{Lu}])/gu

const ENDS_WITH_NAME = /(?:^|\s)(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*\s*$/u

/**
 * Find a credit at the end of (or glued to) a caption's text and take it out:
 * `… in Raqa. DELIL SOULEIMAN / AFP`, `… (AP Photo/Evan Vucci)`, `… REUTERS/Name  (UNITED
 * STATES - Tags: …)`, `… | Foto: Reuters`, `…Congo.CreditDiana Zeyneb Alhindawi for The New
 * York Times`. Reuters' trailing `(COUNTRY - Tags: …)` block is dropped from both.
 *
 * Returns the caption without the credit and the parsed credit, or the caption (trimmed) and
 * `credit: null` when its end is not clearly a credit: a bare name at the end of a sentence is
 * not taken for one. Never throws.
 */
export function splitCaptionCredit(caption: string): { caption: string; credit: Credit | null } {
  // `… (AP Photo/Evan Vucci).`: the full stop after the bracket closes the credit, not a sentence.
  const text = caption.replace(TRAILING_WIRE_JUNK, '').trimEnd().replace(/\)\.$/, ')')
  const start = findCreditStart(text)
  if (start === null) return { caption: caption.trim(), credit: null }
  const raw = text.slice(start).trim()
  const analysis = analyzeCredit(raw)
  const rest = trimCaptionEnd(text.slice(0, start))
  // dts-style credits name the person pictured: that text is the caption, keep it whole.
  if (analysis.credit.agencies.some((a) => findKnownAgency(a)?.namesSubject)) {
    return { caption: text.trim(), credit: analysis.credit }
  }
  return { caption: rest, credit: analysis.credit }
}

/**
 * Whether a line holds nothing but a credit (`DELIL SOULEIMAN / AFP`, `Photo: Joseph Cox`,
 * `(AP Photo/Evan Vucci)`), as importers need to tell credit lines from body text. A bare name is
 * not enough (it could be a byline); an agency, a label or a photographer/agency chain is.
 */
export function looksLikeCreditLine(line: string): boolean {
  const text = line.trim()
  if (text === '' || text.includes('\n') || text.length > MAX_CREDIT_CHARS) return false
  return isCreditLike(analyzeCredit(text), text, 'line')
}

/** The index where a credit starts at the end of `text`, or null. */
function findCreditStart(text: string): number | null {
  const tailFrom = Math.max(0, text.length - MAX_CREDIT_CHARS)
  const accept = (start: number, setting: Setting): boolean => {
    const candidate = text.slice(start).trim()
    return candidate !== '' && isCreditLike(analyzeCredit(candidate), candidate, setting)
  }

  for (const m of text.matchAll(GLUED_CREDIT)) {
    if (m.index >= tailFrom && accept(m.index, 'line')) return m.index
  }

  // `Paul Honiss (New Zealand)`, `Little Britain (BBC Three)`: after a name, a bracket holds a
  // place or a channel as often as a photographer, so there it needs the evidence a tail needs.
  const open = bracketOpening(text)
  // `… Foto: LUCA PIERGIOVANNI (EFE)`: a labelled credit that runs on into the closing bracket
  // holds the bracket, so the label is where the credit starts.
  if (open !== null) {
    for (const m of text.matchAll(CAPTION_LABEL)) {
      if (m.index >= tailFrom && m.index < open && accept(m.index, 'line')) return m.index
    }
  }
  const afterName = open !== null && ENDS_WITH_NAME.test(text.slice(0, open))
  if (open !== null && accept(open, afterName ? 'tail' : 'brackets')) return open

  for (const m of text.matchAll(CAPTION_LABEL)) {
    const at = m.index
    if (at >= tailFrom && accept(at, 'line')) return at
  }

  const boundaries = [0, ...[...text.matchAll(TAIL_BOUNDARY)].map((m) => m.index + m[0].length)]
  for (let i = boundaries.length - 1; i >= 0; i--) {
    const at = boundaries[i]
    if (at < tailFrom) break
    if (accept(at, 'tail')) return at
  }
  return null
}

/** The index of the `(` or `[` that opens a bracket closing the text (Al Jazeera's `[Name/AFP]`). */
function bracketOpening(text: string): number | null {
  const close = text.at(-1)
  if (close !== ')' && close !== ']') return null
  const open = close === ')' ? '(' : '['
  let depth = 0
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === close) depth++
    else if (text[i] === open && --depth === 0) return i
  }
  return null
}

/**
 * How much evidence each setting needs. Everything must read as names (no prose). A line or a
 * tail needs a label, a known agency, or a chain with an organisation; a closing bracket may hold
 * a lone photographer (`Glass cloche terrariums (Lucy Akins)`).
 */
function isCreditLike(analysis: CreditAnalysis, text: string, setting: Setting): boolean {
  const { parts, credit, labelled, chained, slashed } = analysis
  if (text.length > MAX_CREDIT_CHARS) return false
  if (parts.length === 0 || parts.some((p) => p.kind === 'prose')) return false
  if (credit.photographer === null && credit.agencies.length === 0) return false
  // Credits do not end a sentence (a line-up `Kay, Parr, McGee.`) unless labelled or naming a
  // known agency (`REUTERS/Francis Kokoroko.`); a full stop after an initial or `All Rights
  // Reserved.` does not count.
  const strong = labelled || parts.some((p) => p.known)
  const endsSentence =
    /[.!?]$/.test(text) && !/\b\p{Lu}\.\)?$/u.test(text) && !CREDIT_INSTRUCTIONS.test(text)
  if (endsSentence && !strong) return false
  if (strong) return true
  // A lone capitalised word (`Paris`, `Monday`) is only guessed to be an organisation: it counts
  // after the wire's slash (`Name/Salon`), not after a comma (`Stade de France, Paris`).
  const organisations = parts.filter((p) => p.kind === 'organisation')
  const named = organisations.some((p) => !p.guessed)
  // Commas and dashes also join list items and titles (`Pre-School Live Action - Balamory`):
  // there an organisation needs a photographer beside it.
  const wireJoin = slashed || /\||\s(?:via|vía|for|para|pour|für)\s/iu.test(text)
  if (chained && named && (wireJoin || credit.photographer !== null)) return true
  if (wireJoin && organisations.length > 0 && credit.photographer !== null) return true
  // One name in a closing bracket may be the photographer (`Glass terrariums (Lucy Akins)`).
  if (setting === 'brackets') return /\s/.test(credit.photographer ?? '') && parts.length === 1
  return false
}

/** Drop the separator that stood between caption and credit (`… logo. -`, `… Parku. |`). */
function trimCaptionEnd(text: string): string {
  return text.replace(/[\s|–—/-]+$/u, '').trim()
}
