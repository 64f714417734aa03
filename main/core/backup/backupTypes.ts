/** What backup and restore report: plain data (no Node imports), shared with the UI. */

export interface BackupReport {
  /** The new snapshot folder. */
  snapshot: string
  items: number
  shards: number
  /** Blobs hard-linked from the previous snapshot (no bytes copied). */
  linked: number
  /** Blobs copied (new since the previous snapshot, or no hard links here). */
  copied: number
  /** Damaged files of the archive that were not backed up (the previous good copy is kept). */
  damaged: string[]
  /** Older snapshots removed to keep `keep`. */
  removed: string[]
}

export interface RestoreReport {
  /** The snapshot restored. */
  snapshot: string
  createdAt: string
  dir: string
  shards: number
  /** Blobs copied in (those already there with the right bytes are kept). */
  copied: number
  kept: number
  /** Files of the snapshot that were damaged or missing, so not restored. */
  damaged: string[]
  /** Where the archive's previous settings and shards were moved, if it had any. */
  replacedInto?: string
}
