import { BackupError, createBackup } from '../backup/createBackup'
import type { SearchEngine } from '../search/types'
import type { BackupSettings, ItemStore } from '../storage/itemStore'
import { repairArchive } from './repairArchive'
import { verifyArchive } from './verifyArchive'
import type { ArchiveMaintenance } from './maintenanceTypes'

export type { ArchiveMaintenance } from './maintenanceTypes'

/** Interval and count when backups are switched on without saying. */
export const DEFAULT_BACKUP: Omit<BackupSettings, 'folder'> = { intervalHours: 24, keep: 7 }

export function createMaintenance(deps: {
  store: ItemStore
  search: SearchEngine
  /** Tell listeners the archive changed (after a repair put items back). */
  changed: (kind: 'items' | 'settings') => void
}): ArchiveMaintenance {
  const { store, search } = deps
  const indexedItems = async (): Promise<number | undefined> => {
    const stats = (search as { stats?: () => unknown }).stats
    if (!stats) return undefined
    const value = (await Promise.resolve(stats.call(search))) as { items?: number }
    return typeof value?.items === 'number' ? value.items : undefined
  }
  const folder = () => store.settings().backup?.folder

  return {
    damage: () => store.damage?.() ?? [],

    async verify() {
      if (!store.maintain) throw new BackupError('This archive has no folder to check.')
      const indexed = await indexedItems()
      return store.maintain(() => verifyArchive(store.dir, { indexedItems: indexed }))
    },

    async repair(options = {}) {
      const backups = [...(options.backups ?? [])]
      const configured = folder()
      if (configured) backups.push(configured)
      const report = await repairArchive(store, {
        backups,
        rebuildIndex: () => search.open(() => store.all(), -1),
        indexedItems,
      })
      const aliases = store.settings().aliases
      if (aliases.length > 0) search.setAliases(aliases)
      deps.changed('items')
      deps.changed('settings')
      return report
    },

    async backup(dest) {
      const settings = store.settings().backup
      const target = dest ?? settings?.folder
      if (!target) {
        throw new BackupError(
          'Choose a backup folder first (Back up… in the app, or morgue backup DEST).',
        )
      }
      return createBackup(store, target, { keep: dest ? undefined : settings?.keep })
    },

    backupSettings: () => {
      const b = store.settings().backup
      return b ? { ...b } : null
    },

    async setBackupSettings(settings) {
      await store.updateSettings((s) => {
        if (settings) s.backup = { ...settings }
        else delete s.backup
      })
      deps.changed('settings')
    },
  }
}
