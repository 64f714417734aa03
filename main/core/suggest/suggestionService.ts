import type { ArchiveItem, ItemId, TagInfo } from '../model'
import type { SearchOptions, SearchResult } from '../search/types'
import { ArchiveError } from '../archiveError'
import type { ArchiveSettings } from '../storage/itemStore'
import { tagKey } from '../tags'
import { rejectionsSchema, type VocabularyTerm } from '../vocabulary/vocabularyTypes'
import { compileVocabulary, type CompiledVocabulary } from './compiledVocabulary'
import { itemFields } from './itemFields'
import { findNewNames } from './newNames'
import { rankSuggestions } from './rankSuggestions'
import type { ItemSuggestions, SuggestOptions } from './suggestionTypes'
import { nameKey } from '../search/nameVariants'

export interface SuggestionServiceDeps {
  get(id: ItemId): Promise<ArchiveItem | undefined>
  tags(): TagInfo[]
  terms(): VocabularyTerm[]
  aliases(): string[][]
  articleCount(): number
  search(query: string, options?: SearchOptions): Promise<SearchResult>
  settings(): ArchiveSettings
  updateSettings(mutate: (s: ArchiveSettings) => void): Promise<void>
  /** Rejections changed (listeners refetch). */
  changed(): void
}

/** Rejections remembered per item (a reader rejects a handful; this bounds a runaway script). */
const MAX_REJECTIONS = 500

/**
 * Suggestions for the reader, computed when asked (never at import, which stays as fast as
 * it was): the compiled vocabulary is kept until the lists, the tags or the name variants
 * change; document frequencies come from the search index and are kept until items change.
 */
export function createSuggestionService(deps: SuggestionServiceDeps) {
  let compiled: { signature: string; vocabulary: CompiledVocabulary } | null = null
  let termsRef: VocabularyTerm[] | null = null
  let aliasesSignature = ''
  const documentCounts = new Map<string, number>()

  function vocabulary(): CompiledVocabulary {
    const tags = deps.tags().map((t) => t.name)
    const terms = deps.terms()
    const aliases = deps.aliases()
    const aliasSig = `${aliases.length}:${aliases.map((g) => g.join('|')).join('\n')}`
    const signature = tags.join('\n')
    if (
      compiled &&
      compiled.signature === signature &&
      terms === termsRef &&
      aliasSig === aliasesSignature
    ) {
      return compiled.vocabulary
    }
    termsRef = terms
    aliasesSignature = aliasSig
    compiled = { signature, vocabulary: compileVocabulary(terms, tags, aliases) }
    return compiled.vocabulary
  }

  async function documents(name: string): Promise<number> {
    const key = nameKey(name)
    const cached = documentCounts.get(key)
    if (cached !== undefined) return cached
    const phrase = name.replace(/["\\]/g, ' ').trim()
    const result = await deps.search(`type:article "${phrase}"`, {
      limit: 1,
      facets: false,
      typos: false,
    })
    const n = result.error ? 1 : result.total
    documentCounts.set(key, n)
    return n
  }

  let rejectedCache: Record<string, string[]> | null = null
  function rejections(): Record<string, string[]> {
    if (rejectedCache) return rejectedCache
    const ok = rejectionsSchema.safeParse(deps.settings().rejectedSuggestions ?? {})
    rejectedCache = ok.success ? ok.data : {}
    return rejectedCache
  }

  return {
    /** The compiled vocabulary (for benches and the CLI's statistics). */
    compiledVocabulary: vocabulary,

    /** The settings changed: rejections are read again when next needed. */
    settingsChanged(): void {
      rejectedCache = null
    },

    /** Items changed: document frequencies are counted again when next needed. */
    itemsChanged(): void {
      documentCounts.clear()
    },

    async suggest(id: ItemId, options: SuggestOptions = {}): Promise<ItemSuggestions> {
      const item = await deps.get(id)
      if (!item) throw new ArchiveError(`No item with id ${id}.`)
      const vocab = vocabulary()
      const rejected = rejections()[id] ?? []
      const own = [
        ...item.tags,
        ...(item.kind === 'article' ? item.photos.flatMap((p) => p.tags ?? []) : []),
      ]
      const exclude = new Set([...own.map(tagKey), ...rejected])
      const fields = itemFields(item)
      const suggestions = await rankSuggestions({
        vocabulary: vocab,
        fields,
        exclude,
        total: Math.max(1, deps.articleCount()),
        documents,
        limit: options.limit,
        minWeight: options.minWeight,
      })
      const newNames =
        options.newNames === false
          ? []
          : findNewNames(fields, vocab).filter(
              (n) => !exclude.has(tagKey(n.name)) && !exclude.has(tagKey(n.path)),
            )
      return { id, suggestions, newNames, rejected }
    },

    /** Remember that the user does not want `tag` suggested for this item. */
    async rejectSuggestion(id: ItemId, tag: string): Promise<void> {
      const key = tagKey(tag)
      if (!key) throw new ArchiveError('A suggestion to reject needs a tag.')
      await deps.updateSettings((s) => {
        const all = { ...rejections() }
        const list = (all[id] ?? []).filter((k) => k !== key)
        list.push(key)
        all[id] = list.slice(-MAX_REJECTIONS)
        s.rejectedSuggestions = all
        rejectedCache = null
      })
      deps.changed()
    },

    /** Suggest `tag` for the item again (undo of a rejection). */
    async unrejectSuggestion(id: ItemId, tag: string): Promise<void> {
      const key = tagKey(tag)
      await deps.updateSettings((s) => {
        const all = { ...rejections() }
        const list = (all[id] ?? []).filter((k) => k !== key)
        if (list.length > 0) all[id] = list
        else delete all[id]
        s.rejectedSuggestions = all
        rejectedCache = null
      })
      deps.changed()
    },
  }
}

export type SuggestionService = ReturnType<typeof createSuggestionService>
