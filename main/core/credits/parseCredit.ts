import type { Credit } from '../model'
import { findKnownAgency } from './agencyLookup'
import {
  CORPORATE_SUFFIXES,
  CREDIT_INSTRUCTIONS,
  FOREIGN_ARTICLES,
  FOR_WORDS,
  JOIN_WORDS,
  LEADING_LABELS,
  MAKER_PHRASES,
  MARKER_NAME_WORDS,
  MARKER_ROLES,
  MARKER_WORDS,
  NAME_CONNECTIVES,
  ORGANISATION_WORDS,
  PROSE_WORDS,
  SERVICE_WORD_BEFORE_NAME,
  TRAILING_ROLE_MARKER,
  TRAILING_WIRE_JUNK,
  VIA_WORDS,
} from './creditData'
import { creditConfidence } from './creditConfidence'
import { stripWireNotes } from './wireNotes'
import { isNameParticle, normalizePersonName } from './personName'

/** What one part of a credit (between separators) was judged to be. */
export type PartKind = 'person' | 'organisation' | 'marker' | 'prose'

/** Where a part stands in the chain: the owner's side, after `via`, or after `for`. */
export type PartPlace = 'main' | 'via' | 'for'

export interface CreditPart {
  /** The part as written, labels and the service word "Photo" removed. */
  text: string
  kind: PartKind
  place: PartPlace
  /** The owner's role a marker gives (`Handout`, `Pool`, `Courtesy`). */
  role?: 'courtesy' | 'handout' | 'pool'
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
const JOIN_SPLIT = new RegExp(`(?:,\\s*|\\s+)(${JOIN_WORDS.join('|')})\\s+`, 'iu')
const VIA = new Set(VIA_WORDS)
const FOR = new Set(FOR_WORDS)
const SUFFIXES = new Set(CORPORATE_SUFFIXES)
const COURTESY_RE = /(?:^|\s)(?:courtesy|cortes[íi]a|courtoisie|gentileza)\b/iu
// After a comma split, `, via Shutterstock` leaves the join word at the start of a part.
const LEADING_JOIN_RE = new RegExp(`^(?:${JOIN_WORDS.join('|')})\\s+`, 'iu')
// A full stop separates parts (`Prakash Mathema. AFP`) unless it ends an initial or abbreviation.
const PART_SEPARATORS = new RegExp(
  [
    '\\s*/\\s*',
    '\\s*\\|\\s*',
    '\\s*[—–]\\s*',
    '\\s+[·•]\\s+',
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
    const credit = unreadCredit(raw)
    return { credit, parts: [], labelled: false, chained: false, slashed: false }
  }
  const { text, labelled } = cleanCredit(structuredFieldsAsChain(raw) ?? raw)
  const pieces = splitParts(text)
  const parts = pieces
    .flatMap((p) => splitCoupledNames(p.text).map((t) => ({ text: t, place: p.place })))
    .map((p) => classifyPart(p.text, p.place))
  const kept = parts.filter((p): p is CreditPart => p !== null)
  const chained = pieces.length > 1
  const courtesy = COURTESY_RE.test(raw)
  return {
    credit: assembleCredit(raw, kept, { labelled, courtesy }),
    parts: kept,
    labelled,
    chained,
    slashed: /\//.test(text),
  }
}

/** A credit nothing could be read from: kept raw, flagged for a person to look at. */
function unreadCredit(raw: string): Credit {
  const empty = raw.trim() === ''
  return {
    raw,
    photographer: null,
    agency: null,
    agencies: [],
    agencyIds: [],
    via: [],
    for: null,
    role: null,
    confidence: empty ? 1 : 0,
    uncertain: !empty,
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
  let text = raw
    .replace(/\s+/g, ' ')
    .replace(/：/g, ':')
    // Hashtag markers: `#APPhoto` → `AP Photo`, `#AFPphoto` → `AFP photo`.
    .replace(/#(\p{Lu}{2,})(photos?)\b/giu, ' / $1 $2 / ')
    .replace(/(^|\s)#(?=\p{L})/gu, '$1')
    .trim()
  text = bracketGroupsAsChain(text)
  // Two credits for a pair of pictures: `Name/Getty Images and Name/Getty Images`.
  text = text.replace(/^([^&]+\/[^&]+?)\s+(?:and|&)\s+(\p{Lu}[^&]*\/[^&]+)$/u, '$1 / $2')
  let labelled = false
  for (;;) {
    const before = text
    text = stripWireNotes(text.replace(TRAILING_WIRE_JUNK, '').replace(CREDIT_INSTRUCTIONS, ''))
    text = text.replace(/^[|–—\-:]+\s*/, '').replace(/[\s.,;:]+$/, '')
    // A web address after the name (`©1985 David Riecks: www.riecks.com`) is contact data.
    text = text.replace(/\s*[:,|-]?\s*(?:https?:\/\/|www\.)[^\s)\]]*/gi, '')
    const bracketed = /^[([](.*)[)\]]$/.exec(text)
    if (bracketed && !/[()[\]]/.test(bracketed[1])) text = bracketed[1].trim()
    text = agencyInBracketsAsPart(text)
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

/**
 * `LUCA PIERGIOVANNI (EFE)`, `Name (AFP)`: a known agency in brackets after the photographer is
 * the agency (Spanish and Italian papers write credits this way), read as `Name / EFE`.
 */
function agencyInBracketsAsPart(text: string): string {
  const m = /^([^()[\]]+?)\s*\(([^()[\]]+)\)$/.exec(text)
  if (!m || !findKnownAgency(m[2].trim()) || findKnownAgency(m[1].trim())) return text
  return `${m[1].trim()} / ${m[2].trim()}`
}

/**
 * `(Photo by Name / AFP) (Photo by NAME/AFP via Getty Images)`: several bracketed credits for one
 * picture read as one chain; names repeated across them are de-duplicated later.
 */
function bracketGroupsAsChain(text: string): string {
  const groups = /^(?:[([][^()[\]]*[)\]]\s*){2,}$/.test(text)
  if (!groups) return text
  return [...text.matchAll(/[([]([^()[\]]*)[)\]]/g)].map((m) => m[1].trim()).join(' / ')
}

interface PlacedText {
  text: string
  place: PartPlace
}

/**
 * Split on `/`, `|`, dashes, commas, full stops between names and join words (`via`, `for`).
 * Parts after `via` are distributors, the part after `for` the client.
 */
function splitParts(text: string): PlacedText[] {
  const segments = text.split(JOIN_SPLIT)
  const out: PlacedText[] = []
  let place: PartPlace = 'main'
  for (let i = 0; i < segments.length; i++) {
    if (i % 2 === 1) {
      const word = segments[i].toLowerCase()
      place = VIA.has(word) ? 'via' : FOR.has(word) ? 'for' : place === 'via' ? 'via' : 'main'
      continue
    }
    const pieces = mergeCorporateSuffixes(
      segments[i]
        .split(PART_SEPARATORS)
        .map((p) => (p ?? '').trim())
        .filter((p) => p !== '' && /[\p{L}\d]/u.test(p))
        .flatMap(splitHyphenatedOrganisation),
    )
    for (const [j, piece] of pieces.entries()) {
      out.push({ text: piece, place })
      // Only the first part after `for` is the client (`Name for Outlet/Distributor`).
      if (place === 'for' && j === 0) place = 'main'
    }
  }
  return out
}

/** `CQ-Roll Call, Inc`: a corporate suffix after a comma belongs to the name before it. */
function mergeCorporateSuffixes(pieces: string[]): string[] {
  const out: string[] = []
  for (const piece of pieces) {
    const bare = piece.toLowerCase().replace(/\.$/, '')
    if (out.length > 0 && SUFFIXES.has(bare)) out[out.length - 1] += `, ${piece}`
    else out.push(piece)
  }
  return out
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
function classifyPart(piece: string, place: PartPlace = 'main'): CreditPart | null {
  // Quotation marks around a name (`POUR « LE MONDE »`, `“The Times”`) are not part of it.
  let text = piece
    .replace(LEADING_JOIN_RE, '')
    .trim()
    .replace(/^[«“„"‘‹]\s*(.*?)\s*[»”"’›]$/u, '$1')
  if (!findKnownAgency(text)) {
    text = text.replace(MAKER_RE, '').replace(SERVICE_WORD_BEFORE_NAME, '').trim()
  }
  const part = (kind: PartKind, extra: Partial<CreditPart> = {}): CreditPart => ({
    text,
    kind,
    place,
    known: false,
    guessed: false,
    ...extra,
  })
  // A note in brackets (`Stephan Weil (Archiv)`, `WANA (West Asia News Agency)`) is not part of
  // the name when it is a marker or spells the name out; other brackets or a colon inside a part
  // are prose (`Matt Lucas (Little Britain`, `Subs: Howard`).
  const note = /\s*\(([^()]*)\)$/.exec(text)
  if (
    note &&
    (MARKERS.has(note[1].trim().toLowerCase()) || spellsOut(text.slice(0, note.index), note[1]))
  )
    text = text.slice(0, note.index).trim()
  if (!text) return null
  if (/[()[\]:;]/.test(text)) return part('prose')
  const marker = text.toLowerCase()
  if (MARKERS.has(marker)) return part('marker', { role: MARKER_ROLES[marker] })
  const words = marker.split(/\s+/)
  if (words.length > 1 && words.some((w) => w === 'pool')) return part('marker', { role: 'pool' })
  // `Navy handout`, `WPA Pool`: the owner, with the marker as its role.
  const trailing = TRAILING_ROLE_MARKER.exec(text)
  if (trailing && !findKnownAgency(text)) {
    const owner = classifyPart(trailing[1], place)
    const role = MARKER_ROLES[trailing[2].toLowerCase()]
    if (owner && owner.kind !== 'prose') {
      const kind = owner.kind === 'person' ? 'organisation' : owner.kind
      return { ...owner, kind, role }
    }
  }
  // The service word: `AP Photo` → `AP`, `AFP PHOTO` → `AFP`, `AP Foto` → `AP`.
  const service = /^(.+?)\s+(?:photos?|foto)$/iu.exec(text)
  if (
    service &&
    (findKnownAgency(service[1]) || (!findKnownAgency(text) && !hasOrganisationWord(service[1])))
  )
    text = service[1]
  if (findKnownAgency(text)) return part('organisation', { known: true })
  const read = classifyText(text)
  // A distributor or a client is an organisation, whatever its name looks like.
  const kind = read === 'person' && place !== 'main' ? 'organisation' : read
  const guessed =
    kind === 'organisation' &&
    (/^\p{Lu}\p{Ll}+$/u.test(text) ||
      /^[\p{Ll} ]+$/u.test(text) ||
      /^[\p{Lu}\d]{1,5}(?: [\p{Lu}\d]{1,5})*$/u.test(text)) &&
    !hasOrganisationWord(text)
  return part(kind, { guessed })
}

/** `WANA` and `West Asia News Agency`: the bracket spells out the name's initials. */
function spellsOut(name: string, note: string): boolean {
  const initials = note
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('')
  const short =
    name
      .trim()
      .split(/[\s/]+/)
      .pop() ?? ''
  return initials.length >= 2 && initials === short.toUpperCase() && hasOrganisationWord(note)
}

/** Person, organisation or prose, for a part that is not a marker or a known agency. */
function classifyText(text: string): PartKind {
  if (MARKERS.has(text.toLowerCase())) return 'marker'
  if (findKnownAgency(text)) return 'organisation'
  const words = text.split(/\s+/)
  const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}&]/gu, '')
  // Initials (`Duane A. Laverty`) are not words of a sentence.
  const plain = words.filter((w) => !/^\p{Lu}\.?$/u.test(w)).map(bare)
  // Acronyms (`US`, `U.S.`) are names, not the pronoun.
  const sentenceWords = words.filter((w) => !/^\p{Lu}[\p{Lu}.]+$/u.test(w)).map(bare)
  if (words.length > MAX_NAME_WORDS || sentenceWords.some((w) => PROSE.has(w))) return 'prose'
  if (words.length === 1) {
    if (/^@[\p{L}\d_.]{2,}$/u.test(text)) return 'person' // a social-media handle
    // An initial glued to the surname (`M.Chalmeton`).
    if (/^\p{Lu}\.\p{Lu}\p{Ll}+$/u.test(text)) return 'person'
    // Flash90, JET2HOLIDAYS, Faktisk.no
    if (/^(?=.*\p{L})(?=.*\d)[\p{L}\d]+$|\.\p{L}{2,}$/u.test(text)) return 'organisation'
    if (/\d/.test(text)) return 'prose'
    // A lone lower-case word is a contributor's user name (`evgenyb`); a lone capitalised word
    // or acronym is an organisation (`Twitter`, `SANA`): people are credited with full names.
    if (/^\p{Ll}{5,}$/u.test(text)) return 'person'
    return /^\p{L}[\p{L}.'’&-]*$/u.test(text) ? 'organisation' : 'prose'
  }
  const lowerWords = words.filter((w) => /^\p{Ll}/u.test(w) && !/^\p{Ll}{1,3}\p{Lu}/u.test(w))
  if (/\d/.test(text) && !hasOrganisationWord(text)) return 'prose' // scores, dates: `Ronaldo 9`
  // `the Smith family`, `Navy press office`: an owner's name with an organisation word, even with
  // lower-case words in it.
  if (
    hasOrganisationWord(text) &&
    words.length <= MAX_NAME_WORDS &&
    /^\p{Lu}|^the\s/u.test(text) &&
    lowerWords.length <= 3
  )
    return 'organisation'
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
function assembleCredit(
  raw: string,
  parts: CreditPart[],
  how: { labelled: boolean; courtesy: boolean },
): Credit {
  if (parts.length === 0) return unreadCredit(raw)
  // A part that reads as a sentence: the rest cannot be trusted to be names either. Keep the
  // agencies the table knows, drop the guessed names, and flag it for a person.
  const prose = parts.some((p) => p.kind === 'prose')
  const usable = prose ? parts.filter((p) => p.kind === 'organisation' && p.known) : parts
  const orgs = usable.filter((p) => p.kind === 'organisation')
  const agencies = uniqueCaseless(orgs.map((p) => p.text))
  // In formats such as dts the person named is the subject pictured, not the maker.
  const namesSubject = agencies.some((a) => findKnownAgency(a)?.namesSubject)
  const people = namesSubject
    ? []
    : uniqueCaseless(
        usable.filter((p) => p.kind === 'person').map((p) => normalizePersonName(p.text)),
      )
  const agencyIds = [
    ...new Set(agencies.map((a) => findKnownAgency(a)?.id).filter((id): id is string => !!id)),
  ]
  // dts writes its own name after `via` (`…, via dts Nachrichtenagentur`): it is the owner.
  const owner =
    orgs.find((p) => p.place === 'main') ??
    orgs.find((p) => p.place === 'via' && findKnownAgency(p.text)?.namesSubject)
  const client = orgs.find((p) => p.place === 'for')
  const via = uniqueCaseless(
    orgs.filter((p) => p.place === 'via' && p !== owner).map((p) => p.text),
  )
  // `Name for The New York Times`: with no agency named, the title it was made for owns it.
  const agencyPart = owner ?? client
  const role = usable.find((p) => p.role)?.role ?? (how.courtesy ? 'courtesy' : null) ?? null
  const credit: Credit = {
    raw,
    photographer: people.length > 0 ? people.join('; ') : null,
    agency: agencyPart?.text ?? null,
    agencies,
    agencyIds,
    via,
    for: client?.text ?? null,
    role,
  }
  const confidence = prose
    ? Math.min(0.3, creditConfidence(credit, usable, how.labelled))
    : creditConfidence(credit, usable, how.labelled)
  return { ...credit, confidence, uncertain: prose || confidence < UNCERTAIN_BELOW }
}

/** Parses less sure than this are flagged `uncertain` (the `credit:uncertain` filter). */
export const UNCERTAIN_BELOW = 0.7

function uniqueCaseless(values: string[]): string[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const key = v.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
