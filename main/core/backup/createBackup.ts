import fs from 'node:fs/promises'
import path from 'node:path'
import { syncDir } from '../storage/durableFile'
import type { ItemStore } from '../storage/itemStore'
import { BLOBS_DIR, ITEMS_DIR, SETTINGS_FILE, isSha256, shardKeyOfFile } from '../storage/layout'
import { mapLimit } from '../storage/mapLimit'
import type { BackupReport } from './backupTypes'
import { placeBlob } from './copyBlob'
import {
  BACKUP_FORMAT,
  SNAPSHOT_MANIFEST,
  listSnapshots,
  snapshotName,
  type Snapshot,
  type SnapshotManifest,
} from './snapshots'

export type { BackupReport } from './backupTypes'

/** Blob copies in flight. */
const COPY_CONCURRENCY = 8

export interface BackupOptions {
  /** Keep this many snapshots (the newest); older ones are removed. Default: keep all. */
  keep?: number
  now?: () => Date
}

/**
 * Take a consistent snapshot of an open archive into the backup folder `dest`.
 *
 * With writes paused (`store.maintain`, a moment between two writes) the settings file and the
 * shards are copied as they are on disk and the blob list is taken; writes then resume while
 * the blobs are placed (they never change: a hard link to the previous snapshot's copy where
 * there is one, else a checked copy). A damaged shard or settings file is not copied over the
 * last good one: the previous snapshot's copy is carried forward and the damage reported. The
 * snapshot is built under a temp name and renamed when complete.
 */
export async function createBackup(
  store: ItemStore,
  dest: string,
  options: BackupOptions = {},
): Promise<BackupReport> {
  if (!store.maintain) throw new Error('This archive cannot be backed up (it has no folder).')
  const root = store.dir
  const target = path.resolve(dest)
  const inside = path.relative(root, target)
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    throw new BackupError(`The backup folder ${target} is inside the archive; choose another.`)
  }
  await fs.mkdir(target, { recursive: true })
  const previous: Snapshot | undefined = (await listSnapshots(target))[0]
  const name = snapshotName(options.now?.() ?? new Date())
  const partial = path.join(target, `.${name}.partial`)
  await fs.rm(partial, { recursive: true, force: true })
  await fs.mkdir(path.join(partial, ITEMS_DIR), { recursive: true })
  const report: BackupReport = {
    snapshot: path.join(target, name),
    items: store.size,
    shards: 0,
    linked: 0,
    copied: 0,
    damaged: [],
    removed: [],
  }
  try {
    const blobNames = await store.maintain(async () => {
      const damage = store.damage?.() ?? []
      const damagedFiles = new Set(damage.map((d) => d.file))
      const settingsFile = path.join(root, SETTINGS_FILE)
      await copyOrCarry(settingsFile, SETTINGS_FILE, damagedFiles, partial, previous, report)
      for (const file of await fs.readdir(path.join(root, ITEMS_DIR))) {
        if (shardKeyOfFile(file) === undefined) continue
        const rel = path.join(ITEMS_DIR, file)
        if (await copyOrCarry(path.join(root, rel), rel, damagedFiles, partial, previous, report)) {
          report.shards++
        }
      }
      // A missing shard: carry the previous snapshot's copy forward.
      for (const d of damage.filter((x) => x.kind === 'shard-missing')) {
        const rel = path.relative(root, d.file)
        if (await copyOrCarry(d.file, rel, damagedFiles, partial, previous, report)) report.shards++
      }
      return listBlobNames(root)
    })
    await mapLimit(blobNames, COPY_CONCURRENCY, async (sha256) => {
      const rel = path.join(BLOBS_DIR, sha256.slice(0, 2), sha256)
      const how = await placeBlob(sha256, path.join(partial, rel), {
        linkFrom: previous ? path.join(previous.dir, rel) : undefined,
        copyFrom: path.join(root, rel),
      })
      if (how === 'linked') report.linked++
      else if (how === 'copied') report.copied++
      else if (how === 'damaged') report.damaged.push(path.join(root, rel))
      // 'missing': removed by compact since the list was taken; nothing refers to it.
    })
    const manifest: SnapshotManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      source: root,
      items: report.items,
      shards: report.shards,
      blobs: report.linked + report.copied,
    }
    await fs.writeFile(path.join(partial, SNAPSHOT_MANIFEST), JSON.stringify(manifest, null, 2))
    await syncTree(partial)
    await fs.rename(partial, report.snapshot)
    await syncDir(target)
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
  if (options.keep !== undefined && options.keep >= 1) {
    const all = await listSnapshots(target)
    for (const old of all.slice(options.keep)) {
      await fs.rm(old.dir, { recursive: true, force: true })
      report.removed.push(old.dir)
    }
  }
  return report
}

/** A backup that cannot be made or restored as asked: the message is for the user. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/**
 * Copy one small file of the archive into the snapshot, or, if it is damaged, the previous
 * snapshot's copy. Returns whether the snapshot now has the file.
 */
async function copyOrCarry(
  file: string,
  rel: string,
  damaged: Set<string>,
  partial: string,
  previous: Snapshot | undefined,
  report: BackupReport,
): Promise<boolean> {
  const to = path.join(partial, rel)
  if (!damaged.has(file)) {
    try {
      await fs.copyFile(file, to)
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return false
    }
  }
  if (!report.damaged.includes(file)) report.damaged.push(file)
  if (!previous) return false
  try {
    await fs.copyFile(path.join(previous.dir, rel), to)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return false
  }
}

async function listBlobNames(root: string): Promise<string[]> {
  const out: string[] = []
  const blobsDir = path.join(root, BLOBS_DIR)
  for (const fan of await fs.readdir(blobsDir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue
    for (const name of await fs.readdir(path.join(blobsDir, fan))) {
      if (isSha256(name) && name.startsWith(fan)) out.push(name)
    }
  }
  return out
}

/**
 * fsync a fresh snapshot's folders and small files, so a crash cannot leave it half-written
 * (copied blobs were fsynced as they were written; linked ones hold no new data).
 */
async function syncTree(dir: string, files = true): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) await syncTree(full, files && entry.name !== BLOBS_DIR)
    else if (files && process.platform !== 'win32') {
      const handle = await fs.open(full, 'r')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    }
  }
  await syncDir(dir)
}
