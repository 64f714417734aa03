import type { Archive } from '../core/archiveApi'
import type { ArchiveApi, Reply } from '../../preload/contract'

type SuggestionApi = Pick<
  ArchiveApi,
  | 'suggest'
  | 'rejectSuggestion'
  | 'unrejectSuggestion'
  | 'vocabularyLists'
  | 'importVocabulary'
  | 'removeVocabulary'
>

/** The reader's suggestion chips and the keyword lists (arguments checked by the guards). */
export function suggestionHandlers(
  archive: Archive,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
): SuggestionApi {
  return {
    suggest: (id) => reply(() => archive.suggest(id)),
    rejectSuggestion: (id, tag) => reply(() => archive.rejectSuggestion(id, tag)),
    unrejectSuggestion: (id, tag) => reply(() => archive.unrejectSuggestion(id, tag)),
    vocabularyLists: () => reply(() => archive.vocabularyLists()),
    importVocabulary: (fileName, base64, lang) =>
      reply(() =>
        archive.importVocabulary(Buffer.from(base64, 'base64'), fileName, { name: fileName, lang }),
      ),
    removeVocabulary: (id) => reply(() => archive.removeVocabulary(id)),
  }
}
