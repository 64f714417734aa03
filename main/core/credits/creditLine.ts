import type { Credit, CreditStyleName, CreditStyleSetting } from '../model'
import { findKnownAgency } from './agencyLookup'

/**
 * Credit lines in the house styles of the trade, for "Copy with credit", `morgue credit-line`
 * and the photo-desk CSV. Plain data in, a string out: no Node, no DOM, so the renderer and the
 * CLI share it.
 *
 * - AP: `(AP Photo/Name)` for AP's own pictures, `(Name/Agency)` for others, `via`/`for` kept
 *   as AP prints them: `(Kevin Frayer/AFP via Getty Images)`, `(Name/Getty Images for Client)`.
 * - Reuters: `REUTERS/Name` for its own, `Name/Agency via Distributor` for others.
 * - AFP: `Name / AFP`, slashes spaced, the distributor last: `Name / Getty Images / AFP`.
 * - Guardian: `Photograph: Name/AFP/Getty Images` (a distributor is one more slash).
 * - German: `Foto: Name/dpa`, `picture alliance/dpa`, `für` for the client.
 * - plain: `Name / Agency via Distributor for Client`.
 * - template: the user's own, with `{caption} {photographer} {agency} {via} {for} {date}`;
 *   a part in [square brackets] is left out when a field in it is empty.
 */

export const CREDIT_STYLES: readonly CreditStyleName[] = [
  'ap',
  'reuters',
  'afp',
  'guardian',
  'german',
  'plain',
  'template',
]

export const CREDIT_STYLE_LABELS: Record<CreditStyleName, string> = {
  ap: 'AP — (AP Photo/Name)',
  reuters: 'Reuters — REUTERS/Name',
  afp: 'AFP — Name / AFP',
  guardian: 'Guardian — Photograph: Name/AFP/Getty Images',
  german: 'German — Foto: Name/dpa',
  plain: 'Plain — Name / Agency',
  template: 'My template',
}

export const TEMPLATE_FIELDS = ['caption', 'photographer', 'agency', 'via', 'for', 'date'] as const
export type TemplateField = (typeof TEMPLATE_FIELDS)[number]

export const DEFAULT_CREDIT_STYLE: CreditStyleSetting = {
  style: 'plain',
  template: '{caption} [({photographer}/{agency})]',
}

/** What a credit line is made from. */
export interface CreditLineSource {
  caption: string
  credit: Credit | null
  /** ISO date the photo was taken or published. */
  date?: string
}

/** Why a template cannot be used, or null when it can. */
export function templateProblem(template: string): string | null {
  if (!template.trim()) return 'A template cannot be empty.'
  if (template.length > 500) return 'A template can have at most 500 characters.'
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(m[1])) {
      return `{${m[1]}} is not a template field; use ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ')}.`
    }
  }
  if (!/\{[a-z]+\}/.test(template)) return 'A template needs at least one field such as {caption}.'
  return null
}

interface Parts {
  names: string[]
  /** Canonical id of the agency when known (`ap`, `afp`…). */
  agencyId: string | null
  agency: string | null
  via: string[]
  for: string | null
  role: Credit['role']
}

function partsOf(credit: Credit | null): Parts | null {
  if (!credit) return null
  const names = (credit.photographer ?? '')
    .split(';')
    .map((n) => n.trim())
    .filter(Boolean)
  const agency = credit.agency?.trim() || null
  const agencyId = credit.agencyIds[0] ?? (agency ? (findKnownAgency(agency)?.id ?? null) : null)
  // A credit parsed before distributors were told apart lists them among its agencies.
  const distributors = credit.via ?? credit.agencies.slice(1)
  const via = distributors.map((v) => v.trim()).filter(Boolean)
  const client = credit.for?.trim() || null
  if (names.length === 0 && !agency && via.length === 0 && !client) return null
  return { names, agencyId, agency, via, for: client, role: credit.role ?? null }
}

/** `A`, `A and B`, `A, B and C` (with the style's word for "and"). */
function listNames(names: readonly string[], and = 'and'): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`
}

/** Agencies whose own spelling a style keeps, by canonical id. */
const CANONICAL: Record<string, string> = {
  ap: 'AP',
  afp: 'AFP',
  reuters: 'Reuters',
  dpa: 'dpa',
  getty: 'Getty Images',
  epa: 'EPA',
}

function agencyName(p: Parts): string | null {
  if (!p.agency) return null
  return (p.agencyId && CANONICAL[p.agencyId]) || p.agency
}

/** Distributors: `Getty` → `Getty Images`, `AP Photo` → `AP`. */
function viaNames(p: Parts): string[] {
  return p.via.map((v) => {
    const id = findKnownAgency(v)?.id
    return (id && CANONICAL[id]) || v
  })
}

const suffixFor = (p: Parts, word = 'for') => (p.for ? ` ${word} ${p.for}` : '')
const suffixVia = (via: readonly string[]) => (via.length ? ` via ${listNames(via)}` : '')

function apCredit(p: Parts): string {
  const via = viaNames(p)
  if (p.agencyId === 'ap') {
    const who = p.names.length ? `AP Photo/${p.names.join(', ')}` : 'AP Photo'
    return `(${who}${p.role === 'pool' ? ', Pool' : ''}${suffixFor(p)}${suffixVia(via)})`
  }
  if (p.role === 'courtesy') {
    return `(Courtesy of ${[...p.names, agencyName(p)].filter(Boolean).join('/')}${suffixVia(via)})`
  }
  const org = agencyName(p)
  const pool = p.role === 'pool' ? (org ? `${org}, Pool` : 'Pool Photo') : org
  const who = [p.names.join(', '), pool].filter(Boolean).join('/')
  return `(${who || listNames(via)}${suffixFor(p)}${who ? suffixVia(via) : ''})`
}

function reutersCredit(p: Parts): string {
  const via = viaNames(p)
  if (p.agencyId === 'reuters') {
    const segs = ['REUTERS', ...p.names]
    if (p.role === 'pool') segs.push('Pool')
    return `${segs.join('/')}${suffixFor(p)}${suffixVia(via)}`
  }
  const org = agencyName(p)
  const segs = [...p.names, org].filter((s): s is string => !!s)
  if (p.role === 'handout') segs.push('Handout')
  if (p.role === 'pool') segs.push('Pool')
  if (segs.length === 0) return `${listNames(via)}${suffixFor(p)}`
  return `${segs.join('/')}${suffixFor(p)}${suffixVia(via)}`
}

function afpCredit(p: Parts): string {
  const segs: string[] = []
  if (p.role === 'handout') segs.push('Handout')
  if (p.names.length) segs.push(listNames(p.names))
  if (p.role === 'pool') segs.push('Pool')
  const org = agencyName(p)
  if (org) segs.push(`${org}${suffixFor(p)}`)
  else if (p.for && segs.length) segs[segs.length - 1] += suffixFor(p)
  segs.push(...viaNames(p))
  return segs.join(' / ')
}

/** `Name/Agency/Distributor` for the Guardian and German styles. */
function slashedCredit(p: Parts, and: string, forWord: string, handout: string): string {
  const segs: string[] = []
  if (p.names.length) segs.push(listNames(p.names, and))
  let org = agencyName(p)
  if (p.agencyId === 'dpa' && /picture[ -]alliance/i.test(p.agency ?? '')) {
    org = 'picture alliance/dpa'
  }
  if (p.role === 'handout') segs.push(...(org ? [org, handout] : [handout]))
  else if (org) segs.push(org)
  if (p.role === 'pool') segs.push('Pool')
  if (p.for && segs.length) segs[segs.length - 1] += suffixFor(p, forWord)
  segs.push(...viaNames(p))
  return segs.join('/')
}

function guardianCredit(p: Parts): string {
  if (p.role === 'courtesy') return `Photograph: courtesy of ${slashedCredit(p, 'and', 'for', '')}`
  return `Photograph: ${slashedCredit(p, 'and', 'for', 'Handout')}`
}

function germanCredit(p: Parts): string {
  return `Foto: ${slashedCredit(p, 'und', 'für', 'Handout')}`
}

function plainCredit(p: Parts): string {
  const org = agencyName(p)
  const who = [p.names.join(', '), org].filter(Boolean).join(' / ')
  const role = p.role === 'handout' ? ' / Handout' : p.role === 'pool' ? ' / Pool' : ''
  const lead = p.role === 'courtesy' ? 'Courtesy of ' : ''
  const via = viaNames(p)
  if (!who) return `${listNames(via)}${suffixFor(p)}`
  return `${lead}${who}${role}${suffixFor(p)}${suffixVia(via)}`
}

const BUILT_IN: Record<Exclude<CreditStyleName, 'template'>, (p: Parts) => string> = {
  ap: apCredit,
  reuters: reutersCredit,
  afp: afpCredit,
  guardian: guardianCredit,
  german: germanCredit,
  plain: plainCredit,
}

/** The credit alone in a built-in style; empty when the photo has no credit to give. */
export function formatCredit(
  credit: Credit | null,
  style: Exclude<CreditStyleName, 'template'>,
): string {
  const p = partsOf(credit)
  if (!p) return credit?.raw.trim() ?? ''
  return BUILT_IN[style](p)
}

/** A caption ends a sentence before its credit follows. */
function endSentence(caption: string): string {
  const c = caption.trim()
  if (!c) return ''
  return /[.!?…"”’»)\]]$/.test(c) ? c : `${c}.`
}

function isoDay(date: string | undefined): string {
  if (!date) return ''
  const m = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)
  return m ? m[0] : ''
}

function fillTemplate(template: string, source: CreditLineSource): string {
  const p = partsOf(source.credit)
  const values: Record<TemplateField, string> = {
    caption: source.caption.trim(),
    photographer: p ? listNames(p.names) : '',
    agency: p ? (agencyName(p) ?? '') : '',
    via: p ? listNames(viaNames(p)) : '',
    for: p?.for ?? '',
    date: isoDay(source.date),
  }
  const fill = (text: string) =>
    text.replace(/\{([a-z]+)\}/g, (_, f: string) => values[f as TemplateField] ?? '')
  // Optional parts: [ via {via}] disappears when {via} is empty.
  const withSections = template.replace(/\[([^[\]]*)\]/g, (_, inner: string) => {
    const fields = [...inner.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1] as TemplateField)
    return fields.some((f) => !values[f]) ? '' : fill(inner)
  })
  return fill(withSections)
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,;:)])/g, '$1')
    .replace(/^[\s—–\-/|,;:·]+|[\s—–\-/|,;:·]+$/g, '')
}

/**
 * The caption followed by its credit in a house style: what "Copy with credit" puts on the
 * clipboard. A user template is used as written.
 */
export function captionWithCredit(source: CreditLineSource, setting: CreditStyleSetting): string {
  if (setting.style === 'template') return fillTemplate(setting.template, source)
  const credit = formatCredit(source.credit, setting.style)
  return [endSentence(source.caption), credit].filter(Boolean).join(' ')
}

/** Just the credit line in a style (for the CSV's `credit_line` column). */
export function creditLineOnly(source: CreditLineSource, setting: CreditStyleSetting): string {
  if (setting.style === 'template') {
    return fillTemplate(setting.template, { ...source, caption: '' })
  }
  return formatCredit(source.credit, setting.style)
}

/**
 * Read a style as typed (`ap`, `AP`, or a template with `{fields}`) into a setting, keeping
 * `fallback`'s template for a named style. @returns null when it is neither.
 */
export function readCreditStyle(
  text: string,
  fallback: CreditStyleSetting = DEFAULT_CREDIT_STYLE,
): CreditStyleSetting | { problem: string } {
  const name = text.trim().toLowerCase()
  if ((CREDIT_STYLES as readonly string[]).includes(name) && name !== 'template') {
    return { style: name as CreditStyleName, template: fallback.template }
  }
  if (name === 'template') return { style: 'template', template: fallback.template }
  if (text.includes('{')) {
    const problem = templateProblem(text)
    return problem ? { problem } : { style: 'template', template: text }
  }
  return {
    problem: `“${text}” is not a style: use ${CREDIT_STYLES.filter((s) => s !== 'template').join(', ')} or a template with {caption} {photographer} {agency} {via} {for} {date}.`,
  }
}
