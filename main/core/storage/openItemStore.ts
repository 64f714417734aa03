import fs from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { acquireArchiveLock, readLock } from './archiveLock'
import { defaultSettings, type ArchiveFile, type ShardData } from './backend'
import { DurableJsonFile, syncDir, writeFileDurably } from './durableFile'
import { CorruptArchiveError } from './errors'
import { FileBackend } from './fileBackend'
import { recordProblem } from './itemRecord'
import type { ItemStore } from './itemStore'
import {
  BLOBS_DIR,
  CURRENT_SCHEMA_VERSION,
  ITEMS_DIR,
  LOCK_FILE,
  SETTINGS_FILE,
  TMP_DIR,
  shardKeyOf,
  shardKeyOfFile,
  shardPath,
} from './layout'
import { mapLimit } from './mapLimit'
import { migrateArchive, readSchemaVersion } from './migrations'
import { ShardedItemStore } from './shardedItemStore'

/** Shard files read in parallel at open: file reads overlap the (main-thread) JSON parsing. */
const LOAD_CONCURRENCY = 8

/**
 * Open (or create) the archive in `dir` for reading and writing; the folder and its layout are
 * created if missing, an older format is migrated, temp files left by a crash are removed. All
 * item records are read (summaries in memory); bodies stay on disk until asked for.
 * Close the store to release the archive.
 *
 * @throws ArchiveLockedError if another process (or this one) has the archive open.
 * @throws ArchiveVersionError if the archive was written by a newer Morgue.
 * @throws CorruptArchiveError naming the file, if a shard or the settings cannot be read; the
 *   archive is left as it was (no item is ever dropped silently).
 */
export async function openItemStore(dir: string): Promise<ItemStore> {
  const root = path.resolve(dir)
  await fs.mkdir(root, { recursive: true })
  const lock = await acquireArchiveLock(root)
  try {
    await prepareFolders(root)
    const version = await readSchemaVersion(root)
    if (version === undefined) await createSettingsFile(root)
    else await migrateArchive(root, version)
    const settingsDb = await loadSettings(root)
    const shards = await loadShards(root)
    return new ShardedItemStore(new FileBackend(root, lock), settingsDb, shards)
  } catch (error) {
    await lock.release()
    throw error
  }
}

/** Make the folders and empty `tmp/`: anything there is an unfinished write of a dead process. */
async function prepareFolders(root: string): Promise<void> {
  for (const name of [ITEMS_DIR, BLOBS_DIR, TMP_DIR]) {
    await fs.mkdir(path.join(root, name), { recursive: true })
  }
  await fs.rm(path.join(root, TMP_DIR), { recursive: true, force: true })
  await fs.mkdir(path.join(root, TMP_DIR))
  await removeDeadLockTemps(root)
}

/** `morgue.lock.<pid>.<time>.tmp` files of openers that died between writing and linking. */
async function removeDeadLockTemps(root: string): Promise<void> {
  const pattern = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(\\d+)\\.\\d+\\.tmp$`)
  for (const name of await fs.readdir(root)) {
    const pid = Number(pattern.exec(name)?.[1])
    if (!pid || pid === process.pid) continue
    const info = await readLock(path.join(root, name))
    if (info && isDead(info.pid)) await fs.rm(path.join(root, name), { force: true })
  }
}

function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

async function createSettingsFile(root: string): Promise<void> {
  const data: ArchiveFile = { schemaVersion: CURRENT_SCHEMA_VERSION, settings: defaultSettings() }
  await writeFileDurably(path.join(root, SETTINGS_FILE), JSON.stringify(data, null, 2), {
    tmpDir: path.join(root, TMP_DIR),
  })
  await syncDir(path.dirname(root)).catch(() => undefined)
}

async function loadSettings(root: string): Promise<Low<ArchiveFile>> {
  const file = path.join(root, SETTINGS_FILE)
  const adapter = new DurableJsonFile<ArchiveFile>(file, path.join(root, TMP_DIR), 2)
  const db = new Low<ArchiveFile>(adapter, {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: defaultSettings(),
  })
  await db.read()
  const settings: unknown = db.data.settings
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new CorruptArchiveError(file, 'no settings object')
  }
  // Settings added by later versions of this file get their defaults.
  db.data = { ...db.data, settings: { ...defaultSettings(), ...db.data.settings } }
  return db
}

async function loadShards(root: string): Promise<[string, Low<ShardData>][]> {
  const tmpDir = path.join(root, TMP_DIR)
  const keys = (await fs.readdir(path.join(root, ITEMS_DIR)))
    .map(shardKeyOfFile)
    .filter((key) => key !== undefined)
  return mapLimit(keys, LOAD_CONCURRENCY, async (key) => {
    const file = shardPath(root, key)
    const adapter = new DurableJsonFile<ShardData>(file, tmpDir)
    // Read through the adapter, not `Low.read()`: lowdb would take a `null` file for empty.
    const data = await adapter.read()
    checkShard(file, key, data)
    return [key, new Low(adapter, data as ShardData)] as [string, Low<ShardData>]
  })
}

/** @throws CorruptArchiveError naming the shard file and the first bad entry. */
function checkShard(file: string, key: string, data: unknown): void {
  const items = (data as Partial<ShardData> | null)?.items
  if (typeof items !== 'object' || items === null || Array.isArray(items)) {
    throw new CorruptArchiveError(file, 'no item table')
  }
  for (const [id, record] of Object.entries(items)) {
    const problem = recordProblem(id, record)
    if (problem) throw new CorruptArchiveError(file, problem)
    if (shardKeyOf(id) !== key)
      throw new CorruptArchiveError(file, `item ${id} is in the wrong shard`)
  }
}
