import { z } from 'zod'

/** The path separator of hierarchical terms: `Places/Syria/Raqqa`. */
export const PATH_SEPARATOR = '/'

/** At most this many characters in a term (the tag limit of issue 14) and this many terms in all. */
export const MAX_TERM_LENGTH = 200
export const MAX_TERMS = 100_000
export const MAX_SYNONYMS = 50

/** How an imported keyword list was written. */
export const VOCABULARY_FORMATS = ['plain', 'indented', 'skos-json', 'skos-rdf'] as const
export type VocabularyFormat = (typeof VOCABULARY_FORMATS)[number]

/**
 * One term of a keyword list: the tag it adds (a path for a term with broader terms:
 * `Places/Syria/Raqqa`) and the other names it is found under in a text (Lightroom's
 * `{synonyms}`, SKOS `altLabel`s).
 */
export interface VocabularyTerm {
  path: string
  synonyms?: string[]
}

/** An imported keyword list as the archive keeps it (in its settings). */
export interface VocabularyList {
  id: string
  name: string
  format: VocabularyFormat
  importedAt: string
  terms: VocabularyTerm[]
}

export interface ImportVocabularyOptions {
  /** The language of SKOS labels to take (default `en`; falls back as `pickLabels` says). */
  lang?: string
  /** The list's name (default: the file name). */
  name?: string
}

/** A list as the CLI and the app show it (its terms counted, not listed). */
export interface VocabularyListInfo {
  id: string
  name: string
  format: VocabularyFormat
  importedAt: string
  terms: number
}

const termText = z
  .string()
  .min(1)
  .max(MAX_TERM_LENGTH * 4)

export const vocabularyTermSchema = z.object({
  path: termText,
  synonyms: z.array(termText).max(MAX_SYNONYMS).optional(),
})

export const vocabularyListSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(500),
  format: z.enum(VOCABULARY_FORMATS),
  importedAt: z.string().min(1).max(64),
  terms: z.array(vocabularyTermSchema).max(MAX_TERMS),
})

/** Rejected suggestions: item id (or photo ref) → the tag keys the user said no to. */
export const rejectionsSchema = z.record(z.string().max(200), z.array(z.string().max(1000)))

/** The last segment of a path term: `Places/Syria/Raqqa` → `Raqqa`. */
export function lastSegment(path: string): string {
  const parts = path.split(PATH_SEPARATOR).filter((p) => p.trim() !== '')
  return (parts[parts.length - 1] ?? path).trim()
}

/** A label made safe as one path segment (a `/` inside a label would make two segments). */
export function segmentOf(label: string): string {
  return label
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s*\/\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
}
