import type { Credit } from '../model'
import { findKnownAgency } from './agencyLookup'
import {
  CREDIT_INSTRUCTIONS,
  FOREIGN_ARTICLES,
  JOIN_WORDS,
  LEADING_LABELS,
  MAKER_PHRASES,
  MARKER_NAME_WORDS,
  MARKER_WORDS,
  NAME_CONNECTIVES,
  ORGANISATION_WORDS,
  PROSE_WORDS,
  SERVICE_WORD_BEFORE_NAME,
  TRAILING_WIRE_JUNK,
} from './creditData'
import { isNameParticle, normalizePersonName } from './personName'

/** What one part of a credit (between separators) was judged to be. */
export type PartKind = 'person' | 'organisation' | 'marker' | 'prose'

export interface CreditPart {
  /** The part as written, labels and the service word "Photo" removed. */
  text: string
  kind: PartKind
  /** For organisations: named in the known-agency data (not only guessed from its words). */
  known: boolean
  /**
   * An organisation only by elimination: one capitalised word (`Twitter`, but also `Monday`), an
   * unknown acronym or code (`CNET`, but also `MP3`), a lower-case brand (`heise online`).
   */
  guessed: boolean
}

/** A credit taken apart: the parts and how it was written, for callers that judge credit-ness. */
export interface CreditAnalysis {
  credit: Credit
  parts: CreditPart[]
  /** It opened with a label (`Photo:`, `Credit:`, `©`, `Photo by`). */
  labelled: boolean
  /** Its parts were joined by `/`, `|`, `via`, `for`… (not only one bare name). */
  chained: boolean
  /** Its parts were joined by a slash, the wire separator (`Name/Agency`), not only commas. */
  slashed: boolean
}

const MARKERS = new Set(MARKER_WORDS.map((w) => w.toLowerCase()))
const MARKER_IN_NAME = new Set(MARKER_NAME_WORDS)
const ORG_WORDS = new Set(ORGANISATION_WORDS)
const PROSE = new Set(PROSE_WORDS)
const CONNECTIVES = new Set(NAME_CONNECTIVES)
const ARTICLE_OPENING = new RegExp(`^(?:the|${FOREIGN_ARTICLES.join('|')})\\s+\\p{Lu}`, 'iu')
/** Credits are a line; a longer text is not one (and is not worth the parsing time). */
const MAX_CREDIT_INPUT = 1000
/** Names run to a few words; more is a sentence. */
const MAX_NAME_WORDS = 8
/** People's names run to six words at most (`Maria Jose Garcia de la Fuente`). */
const MAX_PERSON_WORDS = 6
const LABEL_RE = new RegExp(
  `^(?:${LEADING_LABELS.join('|')}|(?:photo|foto|bild)\\s*(?=©|\\(c\\)))\\s*`,
  'iu',
)
const GLUED_CREDIT_LABEL = /^Credit(?=\p{Lu}\p{Ll})/u
const MAKER_RE = new RegExp(`^(?:${MAKER_PHRASES.join('|')})\\s*`, 'iu')
const JOIN_RE = new RegExp(`\\s+(?:${JOIN_WORDS.join('|')})\\s+`, 'iu')
// After a comma split, `, via Shutterstock` leaves the join word at the start of a part.
const LEADING_JOIN_RE = new RegExp(`^(?:${JOIN_WORDS.join('|')})\\s+`, 'iu')
// A full stop separates parts (`Prakash Mathema. AFP`) unless it ends an initial or abbreviation.
const PART_SEPARATORS = new RegExp(
  [
    '\\s*/\\s*',
    '\\s*\\|\\s*',
    '\\s*[—–]\\s*',
    '\\s+-\\s+',
    '\\s*[,;]\\s*',
    '(?<!(?:^|[\\s.])(?:\\p{L}|St|Dr|Jr|Sr|Mr|Mrs|Ms|Co|Dept))\\.\\s+',
    JOIN_RE.source,
  ].join('|'),
  'giu',
)

/**
 * Parse a credit line such as `DELIL SOULEIMAN / AFP`, `(AP Photo/Evan Vucci)`,
 * `Photograph: Adrian Malloch for the Guardian` or `Name/AFP via Getty Images`.
 *
 * The photographer comes back in normal capitalisation (several joined with `; `), placeholders
 * such as `STR`, `Handout` or `Pool` are not photographers, and organisations come back as written
 * (label words and the service word "Photo" dropped), de-duplicated case-insensitively, with
 * canonical ids for the agencies in creditData.ts. Never throws; an empty or unreadable credit,
 * or a text over 1,000 characters, gives nulls and empty lists.
 */
export function parseCredit(raw: string): Credit {
  return analyzeCredit(raw).credit
}

/** Like `parseCredit`, also returning the parts and how the credit was written. */
export function analyzeCredit(raw: string): CreditAnalysis {
  if (raw.length > MAX_CREDIT_INPUT) {
    const credit = { raw, photographer: null, agency: null, agencies: [], agencyIds: [] }
    return { credit, parts: [], labelled: false, chained: false, slashed: false }
  }
  const { text, labelled } = cleanCredit(structuredFieldsAsChain(raw) ?? raw)
  const pieces = splitParts(text)
  const parts = pieces.flatMap(splitCoupledNames).map(classifyPart)
  const kept = parts.filter((p): p is CreditPart => p !== null)
  const chained = pieces.length > 1
  return {
    credit: assembleCredit(raw, kept),
    parts: kept,
    labelled,
    chained,
    slashed: /\//.test(text),
  }
}

/**
 * Structured fields (`- Author: Dmitry Astakhov` / `- Credit: Sputnik`) become one chain
 * (`Dmitry Astakhov / Sputnik`); null when the text is not written that way.
 */
function structuredFieldsAsChain(raw: string): string | null {
  const lines = raw.split(/\n/).filter((l) => l.trim() !== '')
  if (lines.length < 2) return null
  const field =
    /^\s*[-*•]?\s*(?:author|photographer|by|byline|credit|source|agency|copyright)\s*:\s*(.+)$/i
  const values = lines.map((l) => field.exec(l)?.[1])
  if (values.some((v) => v === undefined)) return null
  return values.join(' / ')
}

/** Drop brackets, labels, copyright years, wire junk and instructions around the names. */
function cleanCredit(raw: string): { text: string; labelled: boolean } {
  // Full-width colons (`图片来源：`) read as colons.
  let text = raw.replace(/\s+/g, ' ').replace(/：/g, ':').trim()
  let labelled = false
  for (;;) {
    const before = text
    text = text.replace(TRAILING_WIRE_JUNK, '').replace(CREDIT_INSTRUCTIONS, '').trim()
    text = text.replace(/^[|–—\-:]+\s*/, '').replace(/[\s.,;:]+$/, '')
    // A web address after the name (`©1985 David Riecks: www.riecks.com`) is contact data.
    text = text.replace(/\s*[:,|-]?\s*(?:https?:\/\/|www\.)\S*$/i, '')
    const bracketed = /^[([](.*)[)\]]$/.exec(text)
    if (bracketed && !/[()[\]]/.test(bracketed[1])) text = bracketed[1].trim()
    const label = LABEL_RE.exec(text) ?? GLUED_CREDIT_LABEL.exec(text)
    if (label && label[0].length > 0) {
      text = text.slice(label[0].length).trim()
      labelled = true
    }
    const maker = MAKER_RE.exec(text) ?? SERVICE_WORD_BEFORE_NAME.exec(text)
    if (maker && maker[0].length > 0 && maker[0].length < text.length) {
      text = text.slice(maker[0].length).trim()
      labelled = true
    }
    // Copyright years: `© Jeremy Nicholl 2010`, `©1985 David Riecks`.
    text = text.replace(/^(?:19|20)\d{2}\b\s*/, '').replace(/\s+(?:19|20)\d{2}$/, '')
    if (text === before) return { text, labelled }
  }
}

/** Split on `/`, `|`, dashes, commas, full stops between names and join words (`via`, `for`). */
function splitParts(text: string): string[] {
  return text
    .split(PART_SEPARATORS)
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .flatMap(splitHyphenatedOrganisation)
}

/**
 * `Jake Roth-USA TODAY Sports`: a hyphen without spaces separates a person from an organisation
 * only when the right side is clearly one; names keep their hyphens (`Al-Doumy`, `Heon-Kyun`).
 * The handout prefix `HO-Annick deGooyer` is a marker glued to the name.
 */
function splitHyphenatedOrganisation(part: string): string[] {
  const handout = /^(?:HO|STR)\s*-\s*(?=\p{L})/u.exec(part)
  if (handout) return [part.slice(handout[0].length)]
  for (let i = part.indexOf('-'); i > 0; i = part.indexOf('-', i + 1)) {
    const left = part.slice(0, i).trim()
    const right = part.slice(i + 1).trim()
    if (!left || !right || findKnownAgency(part)) continue
    const rightIsOrg = findKnownAgency(right) !== null || hasOrganisationWord(right)
    if (rightIsOrg && classifyText(left) === 'person') return [left, right]
  }
  return [part]
}

/** `Jane Doe and John Roe`: two photographers, when both sides read as names. */
function splitCoupledNames(part: string): string[] {
  const names = part.split(/\s+(?:and|&|und|et|y|e)\s+/iu)
  if (names.length < 2) return [part]
  return names.every((n) => classifyText(n.trim()) === 'person' && /\s/.test(n.trim()))
    ? names.map((n) => n.trim())
    : [part]
}

/** Judge one part; null when nothing is left of it. */
function classifyPart(piece: string): CreditPart | null {
  let text = piece.replace(LEADING_JOIN_RE, '').trim()
  if (!findKnownAgency(text)) {
    text = text.replace(MAKER_RE, '').replace(SERVICE_WORD_BEFORE_NAME, '').trim()
  }
  // A marker in brackets (`Stephan Weil (Archiv)`) is not part of the name; other brackets or a
  // colon inside a part are prose (`Matt Lucas (Little Britain`, `Subs: Howard`).
  const note = /\s*\(([^()]*)\)$/.exec(text)
  if (note && MARKERS.has(note[1].trim().toLowerCase())) text = text.slice(0, note.index).trim()
  if (!text) return null
  if (/[()[\]:;]/.test(text)) return { text, kind: 'prose', known: false, guessed: false }
  if (MARKERS.has(text.toLowerCase())) return { text, kind: 'marker', known: false, guessed: false }
  // The service word: `AP Photo` → `AP`, `AFP PHOTO` → `AFP`.
  const service = /^(.+?)\s+photos?$/iu.exec(text)
  if (service && !hasOrganisationWord(service[1])) text = service[1]
  if (findKnownAgency(text)) return { text, kind: 'organisation', known: true, guessed: false }
  const kind = classifyText(text)
  const guessed =
    kind === 'organisation' &&
    (/^\p{Lu}\p{Ll}+$/u.test(text) ||
      /^[\p{Ll} ]+$/u.test(text) ||
      /^[\p{Lu}\d]{1,5}(?: [\p{Lu}\d]{1,5})*$/u.test(text)) &&
    !hasOrganisationWord(text)
  return { text, kind, known: false, guessed }
}

/** Person, organisation or prose, for a part that is not a marker or a known agency. */
function classifyText(text: string): PartKind {
  if (MARKERS.has(text.toLowerCase())) return 'marker'
  if (findKnownAgency(text)) return 'organisation'
  const words = text.split(/\s+/)
  const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}&]/gu, '')
  // Initials (`Duane A. Laverty`) are not words of a sentence.
  const plain = words.filter((w) => !/^\p{Lu}\.?$/u.test(w)).map(bare)
  if (words.length > MAX_NAME_WORDS || plain.some((w) => PROSE.has(w))) return 'prose'
  if (words.length === 1) {
    if (/^@[\p{L}\d_.]{2,}$/u.test(text)) return 'person' // a social-media handle
    // Flash90, JET2HOLIDAYS, Faktisk.no
    if (/^(?=.*\p{L})(?=.*\d)[\p{L}\d]+$|\.\p{L}{2,}$/u.test(text)) return 'organisation'
    if (/\d/.test(text)) return 'prose'
    // A lone lower-case word is a contributor's user name (`evgenyb`); a lone capitalised word
    // or acronym is an organisation (`Twitter`, `SANA`): people are credited with full names.
    if (/^\p{Ll}{5,}$/u.test(text)) return 'person'
    return /^\p{L}[\p{L}.'’&-]*$/u.test(text) ? 'organisation' : 'prose'
  }
  const lowerWords = words.filter((w) => /^\p{Ll}/u.test(w) && !/^\p{Ll}{1,3}\p{Lu}/u.test(w))
  if (/\d/.test(text)) return 'prose' // scores, dates: `Ronaldo 9`, `26 February`
  const organisationLike =
    hasOrganisationWord(text) || ARTICLE_OPENING.test(text) || /\.\p{L}{2,}$/u.test(text)
  // A name does not end on `of` or `and` (`Output of`).
  if (CONNECTIVES.has(bare(words[words.length - 1]))) return 'prose'
  if (lowerWords.every((w) => CONNECTIVES.has(bare(w)) || isNameParticle(w))) {
    if (organisationLike) return 'organisation'
    if (plain.some((w) => MARKER_IN_NAME.has(w))) return 'marker'
    // All short capitals (`MP SP`) are codes or acronyms, not a name.
    const codes = words.every((w) => /^[\p{Lu}\d]{1,3}$/u.test(w))
    if (!codes && words.length <= MAX_PERSON_WORDS && words.every(isNameWord)) return 'person'
    return 'organisation'
  }
  // A short all-lower-case name (`heise online`, `picture alliance`): an organisation's brand.
  if (words.length <= 3 && words.every((w) => /^\p{Ll}+$/u.test(w))) return 'organisation'
  return 'prose'
}

function isNameWord(word: string): boolean {
  return (
    /^\p{Lu}\.?$/u.test(word) || // initial
    /^\p{Lu}[\p{L}'’.-]*$/u.test(word) || // Delil, O'Hare, Al-Doumy, DELIL
    /^\p{Ll}{1,3}\p{Lu}[\p{L}'’-]*$/u.test(word) || // deGooyer
    isNameParticle(word)
  )
}

function hasOrganisationWord(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[\s-]+/)
    .some((w) => ORG_WORDS.has(w.replace(/[^\p{L}]/gu, '')))
}

/** Build the credit from the judged parts: people, then organisations in order. */
function assembleCredit(raw: string, parts: CreditPart[]): Credit {
  const agencies = uniqueCaseless(parts.filter((p) => p.kind === 'organisation').map((p) => p.text))
  // In formats such as dts the person named is the subject pictured, not the maker.
  const namesSubject = agencies.some((a) => findKnownAgency(a)?.namesSubject)
  const people = namesSubject
    ? []
    : uniqueCaseless(
        parts.filter((p) => p.kind === 'person').map((p) => normalizePersonName(p.text)),
      )
  const agencyIds = [
    ...new Set(agencies.map((a) => findKnownAgency(a)?.id).filter((id): id is string => !!id)),
  ]
  return {
    raw,
    photographer: people.length > 0 ? people.join('; ') : null,
    agency: agencies[0] ?? null,
    agencies,
    agencyIds,
  }
}

function uniqueCaseless(values: string[]): string[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const key = v.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
