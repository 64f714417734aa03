import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Credit } from '../../main/core/model'
import { corpusDir } from './corpusPaths'
import type { Rng } from './prng'
import { knownAgencyIds } from './vocabularies'

/** How a name is written in a credit slot: `Delil Souleiman`, `DELIL SOULEIMAN`, `Delil SOULEIMAN`. */
type NameStyle = 'normal' | 'upper' | 'lastUpper'

/**
 * A credit format learnt from one real labelled credit line: the line with the photographer's
 * name cut out (`{name} / AFP`), the organisations it names and whether the publisher ran it
 * inside the caption text.
 */
export interface CreditFormat {
  /** Literal text and name slots, e.g. `['(AP Photo/', {style:'normal'}, ')']`. */
  parts: (string | { style: NameStyle })[]
  agencies: string[]
  inCaption: boolean
  weight: number
}

interface LabelledCaption {
  credit_raw: string
  photographer: string | null
  agencies: string[]
  credit_in_caption: boolean
  uncertain: boolean
}

/** Organisations that dominate a real photo archive: their formats are drawn more often. */
const MAJOR = /^(afp|ap|reuters|getty images|epa|epa-efe|associated press|agence france-presse)$/i

/**
 * Read the real credit formats from `captions-dev.jsonl`: each labelled line whose photographer
 * can be found in its credit becomes a template with a name slot; lines without a person are
 * used as they are (`(AP)`, `REUTERS/Stringer`). Uncertain labels and multi-person credits are
 * skipped. Throws if the file is missing.
 */
export function loadCreditFormats(): CreditFormat[] {
  const file = path.join(corpusDir(), 'captions-dev.jsonl')
  const formats: CreditFormat[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    const label = JSON.parse(line) as LabelledCaption
    if (label.uncertain || label.photographer?.includes(';')) continue
    const raw = label.credit_raw.replace(/\s*\n\s*/g, ' ')
    const parts = label.photographer ? templateParts(raw, label.photographer) : [raw]
    if (!parts) continue
    const major = label.agencies.some((a) => MAJOR.test(a))
    formats.push({
      parts,
      agencies: label.agencies,
      inCaption: label.credit_in_caption,
      weight: major ? 3 : 1,
    })
  }
  return formats
}

/** Cut each occurrence of `name` (any case) out of `raw`, remembering how it was written. */
function templateParts(raw: string, name: string): CreditFormat['parts'] | null {
  const parts: CreditFormat['parts'] = []
  const lowerRaw = raw.toLowerCase()
  const lowerName = name.toLowerCase()
  let from = 0
  for (;;) {
    const at = lowerRaw.indexOf(lowerName, from)
    if (at < 0) break
    parts.push(raw.slice(from, at))
    parts.push({ style: styleOf(raw.slice(at, at + name.length)) })
    from = at + name.length
  }
  if (from === 0) return null
  parts.push(raw.slice(from))
  return parts.filter((p) => p !== '')
}

function styleOf(written: string): NameStyle {
  if (written === written.toUpperCase()) return 'upper'
  const words = written.split(' ')
  const last = words[words.length - 1]
  return last === last.toUpperCase() && words[0] !== words[0].toUpperCase() ? 'lastUpper' : 'normal'
}

function writeName(first: string, last: string, style: NameStyle): string {
  if (style === 'upper') return `${first} ${last}`.toUpperCase()
  if (style === 'lastUpper') return `${first} ${last.toUpperCase()}`
  return `${first} ${last}`
}

/** Draws formats by weight. */
export function createCreditMaker(formats: readonly CreditFormat[]) {
  const cumulative: number[] = []
  let total = 0
  for (const f of formats) cumulative.push((total += f.weight))
  return {
    /**
     * A credit in a real format for the invented person `first last`, and whether the format
     * puts it inside the caption. The `Credit` is filled from what was generated, not parsed.
     */
    make(rng: Rng, first: string, last: string): { credit: Credit; inCaption: boolean } {
      const target = rng.next() * total
      const format = formats[cumulative.findIndex((c) => c > target)]
      let raw = ''
      let hasName = false
      for (const part of format.parts) {
        if (typeof part === 'string') raw += part
        else {
          raw += writeName(first, last, part.style)
          hasName = true
        }
      }
      const agencies = format.agencies
      return {
        credit: {
          raw,
          photographer: hasName ? `${first} ${last}` : null,
          agency: agencies[0] ?? null,
          agencies: [...agencies],
          agencyIds: knownAgencyIds(agencies),
        },
        inCaption: format.inCaption,
      }
    },
  }
}
