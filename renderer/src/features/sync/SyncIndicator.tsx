import type { SyncStatus } from '../../../../preload/contract'
import { describeSync } from './useSyncStatus'

/** The toolbar's sync state; opens Settings ▸ Sync (or the conflicts when there are some). */
export function SyncIndicator({ status, onOpen }: { status: SyncStatus; onOpen: () => void }) {
  const text = describeSync(status)
  return (
    <button
      type="button"
      className={`sync-indicator sync-${status.state}`}
      title={text}
      aria-label={`Sync: ${text}${status.conflicts ? `, ${status.conflicts} conflicts` : ''}`}
      onClick={onOpen}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">{text}</span>
      {status.conflicts > 0 && <span className="sync-conflicts">{status.conflicts} conflicts</span>}
    </button>
  )
}
