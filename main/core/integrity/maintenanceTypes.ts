import type { BackupReport } from '../backup/backupTypes'
import type { StoreDamage } from '../storage/damage'
import type { BackupSettings } from '../storage/itemStore'
import type { RepairReport, VerifyReport } from './verifyReport'

/** Checking, repairing and backing up an open archive (part of `Archive`). */
export interface ArchiveMaintenance {
  /** Damage found when the archive was opened; empty when all is well. */
  damage(): StoreDamage[]
  /** Check every file of the archive and the index (writes wait meanwhile). */
  verify(): Promise<VerifyReport>
  /**
   * Quarantine damaged files, restore them from the newest good backup (the backup folder of
   * the settings, and `backups`), rebuild the index, check again.
   */
  repair(options?: { backups?: string[] }): Promise<RepairReport>
  /** A consistent snapshot into `dest` (default: the backup folder of the settings). */
  backup(dest?: string): Promise<BackupReport>
  backupSettings(): BackupSettings | null
  setBackupSettings(settings: BackupSettings | null): Promise<void>
}
