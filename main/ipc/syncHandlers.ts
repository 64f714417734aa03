import { ArchiveError } from '../core/archiveError'
import type { SyncController } from '../core/sync/syncController'
import type { ArchiveApi, Reply } from '../../preload/contract'

type SyncApi = Pick<
  ArchiveApi,
  | 'syncSettings'
  | 'setSyncSettings'
  | 'disconnectSync'
  | 'syncStatus'
  | 'syncNow'
  | 'pauseSync'
  | 'syncConflicts'
  | 'pickSyncConflict'
>

/** Settings ▸ Sync, the status indicator and the Conflicts list (arguments checked by the guards). */
export function syncHandlers(
  sync: SyncController | null | undefined,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
): SyncApi {
  const must = (): SyncController => {
    if (!sync) throw new ArchiveError('Sync is not available here.')
    return sync
  }
  return {
    syncSettings: () => reply(() => (sync ? sync.view() : null)),
    setSyncSettings: (setup) =>
      reply(async () => {
        try {
          return await must().configure(setup)
        } catch (err) {
          if (err instanceof TypeError)
            throw new ArchiveError(`“${setup.server}” is not a web address.`)
          throw err
        }
      }),
    disconnectSync: () => reply(() => must().disconnect()),
    syncStatus: () => reply(() => sync?.status() ?? { state: 'off' as const, conflicts: 0 }),
    syncNow: () => reply(() => must().syncNow()),
    pauseSync: (paused) => reply(() => must().setPaused(paused)),
    syncConflicts: () => reply(() => (sync ? sync.conflicts() : [])),
    pickSyncConflict: (id, side) => reply(() => must().pick(id, side)),
  }
}
