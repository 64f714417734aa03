import { randomBytes } from 'node:crypto'
import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import { mergeSettings, readExportSettings } from '../export/exportSettings'
import type { SavedSearch } from '../model'
import { DEFAULT_ALIASES } from '../search'
import { groupsInForce, normalizeGroups } from '../search/nameVariants'
import type { ArchiveContext } from './context'

export type SettingsMethods = Pick<
  Archive,
  | 'savedSearches'
  | 'saveSearch'
  | 'deleteSavedSearch'
  | 'aliases'
  | 'setAliases'
  | 'settings'
  | 'captureToken'
>

/** The archive's settings: saved searches, name-variant aliases, the capture token, the rest. */
export function createSettingsMethods(ctx: ArchiveContext): SettingsMethods {
  const { store, search, emit } = ctx
  return {
    savedSearches: () => store.settings().savedSearches.map((s) => ({ ...s })),

    async saveSearch(saved: SavedSearch) {
      const name = saved.name.trim()
      if (!name) throw new ArchiveError('A saved search needs a name.')
      await store.updateSettings((s) => {
        s.savedSearches = s.savedSearches.filter((x) => x.name !== name)
        s.savedSearches.push({ name, query: saved.query })
      })
      emit({ kind: 'settings' })
    },

    async deleteSavedSearch(name) {
      await store.updateSettings((s) => {
        s.savedSearches = s.savedSearches.filter((x) => x.name !== name)
      })
      emit({ kind: 'settings' })
    },

    // Until the user edits the list, the starter list is in force: show that.
    aliases: () => groupsInForce(store.settings(), DEFAULT_ALIASES),

    // Applied at query time: every indexed item is found by the new variants at once.
    async setAliases(groups) {
      const clean = normalizeGroups(groups)
      await store.updateSettings((s) => {
        s.aliases = clean
        s.aliasesEdited = true
      })
      search.setAliases(clean)
      emit({ kind: 'settings' })
    },

    settings: () => store.settings(),

    async captureToken(renew = false) {
      const current = store.settings().captureToken
      if (current && !renew) return current
      const token = randomBytes(24).toString('hex')
      await store.updateSettings((s) => {
        s.captureToken = token
      })
      emit({ kind: 'settings' })
      return token
    },
  }
}

/** A Morgue export carries the archive's settings: merge them in (export → import round-trips). */
export async function importSettingsOf(ctx: ArchiveContext, path: string): Promise<void> {
  const { store, search, emit } = ctx
  const incoming = await readExportSettings(path).catch(() => null)
  if (!incoming) return
  await store.updateSettings((s) =>
    mergeSettings(s as unknown as Record<string, unknown>, incoming),
  )
  const aliases = store.settings().aliases
  if (aliases.length > 0) search.setAliases(aliases)
  emit({ kind: 'settings' })
}
