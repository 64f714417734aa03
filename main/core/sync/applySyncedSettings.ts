import type { ArchiveChange } from '../archiveApi'
import { applyAgencyTable } from '../agencyTable'
import type { UserAgency } from '../credits/agencyLookup'
import { DEFAULT_ALIASES } from '../search'
import { groupsInForce } from '../search/nameVariants'
import type { SearchEngine } from '../search/types'
import type { ItemStore } from '../storage/itemStore'

/**
 * Put settings that came from another desktop into the archive (one atomic settings write) and
 * apply those the archive holds in memory: name variants (search), the agency table. Items the
 * other desktop re-parsed with its agencies come along as items of their own.
 */
export async function applySyncedSettings(
  deps: { store: ItemStore; search: SearchEngine; emit: (change: ArchiveChange) => void },
  values: Record<string, unknown>,
): Promise<void> {
  const keys = Object.keys(values)
  if (keys.length === 0) return
  await deps.store.updateSettings((s) => {
    const target = s as unknown as Record<string, unknown>
    for (const k of keys) {
      if (values[k] === undefined) delete target[k]
      else target[k] = values[k]
    }
  })
  const settings = deps.store.settings()
  if (keys.includes('aliases') || keys.includes('aliasesEdited'))
    deps.search.setAliases(groupsInForce(settings, DEFAULT_ALIASES))
  if (keys.includes('agencies')) applyAgencyTable((settings.agencies ?? []) as UserAgency[])
  deps.emit({ kind: 'settings' })
  if (keys.includes('tagColors')) deps.emit({ kind: 'tags' })
}
