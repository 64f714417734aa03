import type { ArchiveChange } from './archiveApi'
import {
  applyAgencyTable,
  cleanAgencyEntry,
  reparseItemCredits,
  withAgency,
  withoutAgency,
  type AgencyChange,
} from './agencyTable'
import { listAgencyTable, type AgencyEntry, type UserAgency } from './credits/agencyLookup'
import type { ArchiveItem } from './model'
import type { ItemStore } from './storage/itemStore'

/** Items read and re-parsed per step when the agency table changes. */
const REPARSE_CHUNK = 500

export interface AgencyMethods {
  listAgencies(): AgencyEntry[]
  addAgency(entry: UserAgency): Promise<AgencyChange>
  removeAgency(name: string): Promise<AgencyChange>
}

/**
 * The archive's agency table: the built-in agencies plus the user's own, saved in the archive's
 * settings. A change is durable (one atomic settings write) before existing photos' credits are
 * read again; only the items whose credit now reads differently are rewritten and re-indexed.
 */
export function createAgencyMethods(deps: {
  store: ItemStore
  save: (items: ArchiveItem[]) => Promise<void>
  emit: (change: ArchiveChange) => void
  fail: (message: string) => never
}): AgencyMethods {
  const { store, save, emit, fail } = deps
  applyAgencyTable(store.settings().agencies ?? [])

  async function change(entries: UserAgency[]): Promise<AgencyChange> {
    await store.updateSettings((s) => {
      s.agencies = entries
    })
    const table = applyAgencyTable(entries)
    emit({ kind: 'settings' })
    let reparsed = 0
    const ids = [...store.summaries()].map((s) => s.id)
    for (let i = 0; i < ids.length; i += REPARSE_CHUNK) {
      const items = await store.getMany(ids.slice(i, i + REPARSE_CHUNK))
      const changed = items.map(reparseItemCredits).filter((x): x is ArchiveItem => x !== null)
      reparsed += changed.length
      await save(changed)
    }
    return { entries: table, reparsed }
  }

  return {
    listAgencies: () => listAgencyTable(),

    async addAgency(entry) {
      const clean = cleanAgencyEntry(entry)
      if (typeof clean === 'string') return fail(clean)
      return change(withAgency(store.settings().agencies ?? [], clean))
    },

    async removeAgency(name) {
      const entries = withoutAgency(store.settings().agencies ?? [], name)
      if (!entries) {
        const builtIn = listAgencyTable().some((a) => a.builtIn && a.aliases.includes(name))
        return fail(
          builtIn
            ? `"${name}" is a built-in agency: only agencies you added can be removed.`
            : `No agency "${name}" was added to this archive.`,
        )
      }
      return change(entries)
    },
  }
}
