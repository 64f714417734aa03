import { randomBytes } from 'node:crypto'
import { ImportError } from '../importers/importer'
import type { ArchiveSettings } from '../storage/itemStore'
import { readVocabulary } from './readVocabulary'
import {
  vocabularyListSchema,
  type ImportVocabularyOptions,
  type VocabularyList,
  type VocabularyListInfo,
  type VocabularyTerm,
} from './vocabularyTypes'

export interface VocabularyServiceDeps {
  settings(): ArchiveSettings
  updateSettings(mutate: (s: ArchiveSettings) => void): Promise<void>
  now(): Date
  /** The lists changed (listeners refetch, the suggestion matcher recompiles). */
  changed(): void
}

/**
 * The archive's imported keyword lists, kept in its settings (written atomically with them).
 * Each list is validated (zod) when read back, so a hand-edited or damaged settings file
 * cannot feed the matcher malformed terms: a list that fails is left out.
 */
export function createVocabularyService(deps: VocabularyServiceDeps) {
  let checked: VocabularyList[] = []
  let termsFrom: VocabularyList[] | undefined
  let terms: VocabularyTerm[] = []

  // Settings are handed out as deep copies: read them again only after they changed.
  let stale = true

  function lists(): VocabularyList[] {
    if (!stale) return checked
    stale = false
    const raw = deps.settings().vocabularies
    checked = (raw ?? []).flatMap((l) => {
      const ok = vocabularyListSchema.safeParse(l)
      return ok.success ? [ok.data] : []
    })
    return checked
  }

  const info = (l: VocabularyList): VocabularyListInfo => ({
    id: l.id,
    name: l.name,
    format: l.format,
    importedAt: l.importedAt,
    terms: l.terms.length,
  })

  function find(ref: string): VocabularyList {
    const key = ref.trim().toLowerCase()
    const list =
      lists().find((l) => l.id === ref.trim()) ?? lists().find((l) => l.name.toLowerCase() === key)
    if (!list) throw new ImportError(`No keyword list “${ref}”: see \`morgue vocabulary list\`.`)
    return list
  }

  return {
    /** The settings changed (an import, a restore, a repair): read the lists again when needed. */
    settingsChanged(): void {
      stale = true
    },
    /** Every imported list (validated). */
    lists,
    /** The lists without their terms, for the CLI and the app. */
    vocabularyLists: (): VocabularyListInfo[] => lists().map(info),
    /** Every term of every list (the same array until the lists change). */
    vocabularyTerms(): VocabularyTerm[] {
      const now = lists()
      if (termsFrom !== now) {
        termsFrom = now
        terms = now.flatMap((l) => l.terms)
      }
      return terms
    },

    /**
     * Import a keyword list from a file's bytes; a list of the same name is replaced.
     * @throws ImportError when the file is no keyword list (nothing is stored then).
     */
    async importVocabulary(
      bytes: Uint8Array,
      source: string,
      options: ImportVocabularyOptions = {},
    ): Promise<VocabularyListInfo> {
      const read = readVocabulary(bytes, source, options)
      const name = (options.name ?? source).trim().slice(0, 500) || 'Keyword list'
      const list = vocabularyListSchema.parse({
        id: randomBytes(6).toString('hex'),
        name,
        format: read.format,
        importedAt: deps.now().toISOString(),
        terms: read.terms,
      })
      await deps.updateSettings((s) => {
        const others = (s.vocabularies ?? []).filter((l) => l.name !== name)
        s.vocabularies = [...others, list]
      })
      deps.changed()
      return info(list)
    },

    /** Forget a list (by id or name). */
    async removeVocabulary(ref: string): Promise<VocabularyListInfo> {
      const list = find(ref)
      await deps.updateSettings((s) => {
        s.vocabularies = (s.vocabularies ?? []).filter((l) => l.id !== list.id)
      })
      deps.changed()
      return info(list)
    },
  }
}

export type VocabularyService = ReturnType<typeof createVocabularyService>
