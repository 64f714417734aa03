import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { quarantineFile, quarantineStamp, QUARANTINE_DIR } from '../integrity/quarantine'
import { acquireArchiveLock } from '../storage/archiveLock'
import { syncDir, writeFileDurably } from '../storage/durableFile'
import { holdsArchiveContent } from '../storage/loadArchive'
import {
  BLOBS_DIR,
  ITEMS_DIR,
  SETTINGS_FILE,
  TMP_DIR,
  isSha256,
  shardKeyOfFile,
} from '../storage/layout'
import { mapLimit } from '../storage/mapLimit'
import type { RestoreReport } from './backupTypes'
import { placeBlob } from './copyBlob'
import { BackupError } from './createBackup'
import { snapshotsAt } from './snapshots'

/**
 * Restore a backup (a snapshot folder, or a backup folder: its newest snapshot) into `toDir`,
 * which must not be open. An archive already there is not deleted: its settings file and
 * shards are moved to `quarantine/<timestamp>/replaced/`, its blobs are kept (content-addressed:
 * the snapshot's are added where missing or damaged), its index is removed (rebuilt at open).
 *
 * @throws ArchiveLockedError when `toDir` is open in a Morgue process.
 * @throws BackupError when there is no backup at `backupPath`.
 */
export async function restoreBackup(
  backupPath: string,
  toDir: string,
  options: { now?: () => Date } = {},
): Promise<RestoreReport> {
  const [snapshot] = await snapshotsAt(path.resolve(backupPath))
  if (!snapshot) throw new BackupError(`There is no Morgue backup at ${path.resolve(backupPath)}.`)
  const root = path.resolve(toDir)
  await fs.mkdir(root, { recursive: true })
  const lock = await acquireArchiveLock(root)
  try {
    const report: RestoreReport = {
      snapshot: snapshot.dir,
      createdAt: snapshot.manifest.createdAt,
      dir: root,
      shards: 0,
      copied: 0,
      kept: 0,
      damaged: [],
    }
    const quarantine = path.join(
      root,
      QUARANTINE_DIR,
      quarantineStamp(options.now?.() ?? new Date()),
      'replaced',
    )
    if ((await exists(path.join(root, SETTINGS_FILE))) || (await holdsArchiveContent(root))) {
      await quarantineFile(root, quarantine, path.join(root, SETTINGS_FILE))
      for (const name of await fs.readdir(path.join(root, ITEMS_DIR)).catch(() => [] as string[])) {
        await quarantineFile(root, quarantine, path.join(root, ITEMS_DIR, name))
      }
      report.replacedInto = quarantine
    }
    for (const dir of [ITEMS_DIR, BLOBS_DIR, TMP_DIR]) {
      await fs.mkdir(path.join(root, dir), { recursive: true })
    }
    const tmpDir = path.join(root, TMP_DIR)
    for (const name of await fs.readdir(path.join(snapshot.dir, ITEMS_DIR))) {
      if (shardKeyOfFile(name) === undefined) continue
      const bytes = await fs.readFile(path.join(snapshot.dir, ITEMS_DIR, name))
      await writeFileDurably(path.join(root, ITEMS_DIR, name), bytes, { tmpDir, syncDir: false })
      report.shards++
    }
    await syncDir(path.join(root, ITEMS_DIR))
    const settings = await fs.readFile(path.join(snapshot.dir, SETTINGS_FILE)).catch(() => null)
    if (settings) await writeFileDurably(path.join(root, SETTINGS_FILE), settings, { tmpDir })
    else report.damaged.push(path.join(snapshot.dir, SETTINGS_FILE))

    const names: string[] = []
    const blobsDir = path.join(snapshot.dir, BLOBS_DIR)
    for (const fan of await fs.readdir(blobsDir).catch(() => [] as string[])) {
      for (const name of await fs.readdir(path.join(blobsDir, fan))) {
        if (isSha256(name)) names.push(name)
      }
    }
    await mapLimit(names, 8, async (sha256) => {
      const rel = path.join(BLOBS_DIR, sha256.slice(0, 2), sha256)
      const target = path.join(root, rel)
      const here = await fs.readFile(target).catch(() => null)
      if (here && createHash('sha256').update(here).digest('hex') === sha256) {
        report.kept++
        return
      }
      if (here) await quarantineFile(root, quarantine, target)
      const how = await placeBlob(sha256, target, { copyFrom: path.join(snapshot.dir, rel) })
      if (how === 'copied') report.copied++
      else report.damaged.push(path.join(snapshot.dir, rel))
    })
    await fs.rm(path.join(root, 'index'), { recursive: true, force: true })
    await syncDir(root)
    return report
  } finally {
    await lock.release()
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  )
}
