import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * A backup folder holds snapshots, each a complete archive folder (settings, shards, blobs; no
 * index, no lock) named by its time, plus `backup.json` describing it:
 *
 *   DEST/morgue-backup-2026-12-03T11-54-09-123Z/{backup.json, archive.json, items/, blobs/}
 *
 * Blobs never change, so a snapshot hard-links the blobs the previous snapshot already holds
 * and copies only new ones: each snapshot is whole, yet costs only what changed.
 */
export const SNAPSHOT_PREFIX = 'morgue-backup-'
export const SNAPSHOT_MANIFEST = 'backup.json'
export const BACKUP_FORMAT = 'morgue-backup'

export interface SnapshotManifest {
  format: typeof BACKUP_FORMAT
  version: 1
  createdAt: string
  /** The archive folder it was taken from. */
  source: string
  items: number
  shards: number
  blobs: number
}

export interface Snapshot {
  dir: string
  manifest: SnapshotManifest
}

/** `morgue-backup-<ISO time with : and . as ->`: names sort by time. */
export function snapshotName(at: Date): string {
  return `${SNAPSHOT_PREFIX}${at.toISOString().replace(/[:.]/g, '-')}`
}

/** The complete snapshots in a backup folder, newest first (unfinished ones are skipped). */
export async function listSnapshots(backupDir: string): Promise<Snapshot[]> {
  const names = await fs.readdir(backupDir).catch(() => [] as string[])
  const out: Snapshot[] = []
  for (const name of names
    .filter((n) => n.startsWith(SNAPSHOT_PREFIX))
    .sort()
    .reverse()) {
    const snapshot = await readSnapshot(path.join(backupDir, name))
    if (snapshot) out.push(snapshot)
  }
  return out
}

/** A snapshot folder's manifest, or undefined if it is not a complete snapshot. */
export async function readSnapshot(dir: string): Promise<Snapshot | undefined> {
  try {
    const manifest = JSON.parse(
      await fs.readFile(path.join(dir, SNAPSHOT_MANIFEST), 'utf8'),
    ) as SnapshotManifest
    if (manifest.format !== BACKUP_FORMAT) return undefined
    return { dir, manifest }
  } catch {
    return undefined
  }
}

/**
 * The snapshots a path names: a snapshot folder itself, or a backup folder (all its
 * snapshots, newest first). Empty when there are none.
 */
export async function snapshotsAt(backupPath: string): Promise<Snapshot[]> {
  const one = await readSnapshot(backupPath)
  return one ? [one] : listSnapshots(backupPath)
}
