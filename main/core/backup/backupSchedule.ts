import type { ArchiveMaintenance } from '../integrity/maintenanceTypes'
import type { BackupReport } from './backupTypes'
import { listSnapshots } from './snapshots'

/** How often the schedule looks whether a backup is due. */
const CHECK_EVERY_MS = 10 * 60 * 1000

export interface BackupSchedule {
  /** Look now whether a backup is due, and take it if so; resolves with it (or null). */
  check(): Promise<BackupReport | null>
  stop(): void
}

/**
 * Automatic rotating backups for a running app: every few minutes, if the settings name a
 * backup folder and an interval, and the newest snapshot there is older than the interval, a
 * backup is taken (rotation keeps the settings' count). One at a time; a failure is reported
 * to `onError` and retried at the next check.
 */
export function startBackupSchedule(
  archive: Pick<ArchiveMaintenance, 'backup' | 'backupSettings'>,
  options: {
    onBackup?: (report: BackupReport) => void
    onError?: (error: unknown) => void
    now?: () => Date
    checkEveryMs?: number
  } = {},
): BackupSchedule {
  const now = options.now ?? (() => new Date())
  let running: Promise<BackupReport | null> | null = null

  async function due(): Promise<boolean> {
    const settings = archive.backupSettings()
    if (!settings || !(settings.intervalHours > 0)) return false
    const [newest] = await listSnapshots(settings.folder)
    if (!newest) return true
    const age = now().getTime() - Date.parse(newest.manifest.createdAt)
    return age >= settings.intervalHours * 3600 * 1000
  }

  function check(): Promise<BackupReport | null> {
    running ??= (async () => {
      try {
        if (!(await due())) return null
        const report = await archive.backup()
        options.onBackup?.(report)
        return report
      } catch (error) {
        options.onError?.(error)
        return null
      } finally {
        running = null
      }
    })()
    return running
  }

  const timer = setInterval(() => void check(), options.checkEveryMs ?? CHECK_EVERY_MS)
  timer.unref()
  const first = setTimeout(() => void check(), 30_000)
  first.unref()
  return {
    check,
    stop() {
      clearInterval(timer)
      clearTimeout(first)
    },
  }
}
