import { decodeText } from '../importers/decodeText'
import { ImportError } from '../importers/importer'
import { parseKeywordText } from './parseKeywordText'
import { parseSkosJson } from './parseSkosJson'
import { parseSkosRdfXml } from './parseSkosRdfXml'
import { conceptsToTerms } from './skosConcepts'
import { MAX_TERMS, type VocabularyFormat, type VocabularyTerm } from './vocabularyTypes'
import { tagKey } from '../tags'

export interface ReadVocabularyOptions {
  /** The language of SKOS labels to take (default `en`; falls back as `pickLabels` says). */
  lang?: string
}

export interface ReadVocabulary {
  format: VocabularyFormat
  terms: VocabularyTerm[]
}

/**
 * Read a keyword list, telling its format from its content (never from its name alone):
 * JSON with SKOS concepts, RDF/XML with SKOS concepts, a tab-indented hierarchy (Lightroom,
 * Photo Mechanic) or plain text with one term per line. Anything else — binary data, HTML,
 * JSON or XML without concepts, running text — is refused with a sentence saying why.
 * Terms are de-duplicated by tag identity (their synonyms merged).
 *
 * @throws ImportError when the bytes are no keyword list.
 */
export function readVocabulary(
  bytes: Uint8Array,
  source: string,
  options: ReadVocabularyOptions = {},
): ReadVocabulary {
  const text = decodeText(bytes, source)
  const read = readVocabularyText(text, source, options)
  if (read.terms.length === 0)
    throw new ImportError(`${source} holds no terms: nothing was imported.`)
  if (read.terms.length > MAX_TERMS) {
    throw new ImportError(
      `${source} has ${read.terms.length} terms; a keyword list can have at most ${MAX_TERMS}.`,
    )
  }
  return { format: read.format, terms: dedupe(read.terms) }
}

function readVocabularyText(
  text: string,
  source: string,
  options: ReadVocabularyOptions,
): ReadVocabulary {
  const lang = options.lang ?? 'en'
  const head = text.replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('{') || head.startsWith('[')) {
    let doc: unknown
    try {
      doc = JSON.parse(head)
    } catch {
      doc = undefined
    }
    // `[Category]` lines also start with a bracket: only valid JSON is read as JSON.
    if (doc !== undefined) {
      return { format: 'skos-json', terms: conceptsToTerms(parseSkosJson(doc, source), lang) }
    }
    const firstLine = head.split(/\r?\n/)[0]
    if (!/^\[[^\]]*\]\s*$/.test(firstLine)) {
      throw new ImportError(`${source} is broken JSON: nothing was imported.`)
    }
  }
  if (head.startsWith('<')) {
    if (/^<(!doctype\s+html|html[\s>])/i.test(head)) {
      throw new ImportError(
        `${source} is a web page, not a keyword list: expected one term per line, a tab-indented hierarchy, or SKOS in JSON or RDF/XML. Nothing was imported.`,
      )
    }
    return { format: 'skos-rdf', terms: conceptsToTerms(parseSkosRdfXml(head, source), lang) }
  }
  return parseKeywordText(text, source)
}

function dedupe(terms: VocabularyTerm[]): VocabularyTerm[] {
  const byKey = new Map<string, VocabularyTerm>()
  for (const t of terms) {
    const key = tagKey(t.path)
    const known = byKey.get(key)
    if (!known) byKey.set(key, { ...t, synonyms: t.synonyms ? [...t.synonyms] : undefined })
    else if (t.synonyms) known.synonyms = [...new Set([...(known.synonyms ?? []), ...t.synonyms])]
  }
  return [...byKey.values()].map((t) => (t.synonyms?.length ? t : { path: t.path }))
}
