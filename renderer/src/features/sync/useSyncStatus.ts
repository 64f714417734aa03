import { useEffect, useState } from 'react'
import type { SyncStatus } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'

/** The sync status as main reports it (first asked, then pushed as `syncStatus` events). */
export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>({ state: 'off', conflicts: 0 })
  useEffect(() => {
    let live = true
    unwrap(archive.syncStatus()).then(
      (s) => live && setStatus(s),
      () => undefined,
    )
    const off = archive.onSyncStatus((s) => setStatus(s))
    return () => {
      live = false
      off()
    }
  }, [])
  return status
}

/** One line for the toolbar: synced / syncing with progress / offline / error with the reason. */
export function describeSync(s: SyncStatus): string {
  switch (s.state) {
    case 'off':
      return 'Not synced'
    case 'synced':
      return s.lastSync ? `Synced ${new Date(s.lastSync.at).toLocaleTimeString()}` : 'Synced'
    case 'syncing':
      return s.progress
        ? `Syncing (${s.progress.phase === 'pull' ? 'receiving' : 'sending'} ${s.progress.done}${s.progress.total > s.progress.done ? ` of ${s.progress.total}` : ''})…`
        : 'Syncing…'
    case 'paused':
      return 'Sync paused'
    case 'offline':
      return `Offline: ${s.reason ?? 'the server cannot be reached'}`
    case 'error':
      return `Sync error: ${s.reason ?? 'unknown'}`
  }
}
