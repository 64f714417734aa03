import fs from 'node:fs/promises'
import path from 'node:path'
import { acquireArchiveLock, readLock } from './archiveLock'
import { defaultSettings, type ArchiveFile } from './backend'
import type { StoreDamage } from './damage'
import { syncDir, writeFileDurably } from './durableFile'
import { CorruptArchiveError } from './errors'
import { FileBackend } from './fileBackend'
import type { ItemStore } from './itemStore'
import { holdsArchiveContent, loadArchiveState } from './loadArchive'
import {
  BLOBS_DIR,
  CURRENT_SCHEMA_VERSION,
  ITEMS_DIR,
  LOCK_FILE,
  SETTINGS_FILE,
  TMP_DIR,
} from './layout'
import { migrateArchive, readSchemaVersion } from './migrations'
import { ShardedItemStore } from './shardedItemStore'

/**
 * Open (or create) the archive in `dir` for reading and writing; the folder and its layout are
 * created if missing, an older format is migrated, temp files left by a crash are removed. All
 * item records are read (summaries in memory); bodies stay on disk until asked for.
 * Close the store to release the archive.
 *
 * Damage does not stop the open (see `loadArchiveState`): a damaged or missing shard, or a lost
 * settings file, is reported by `store.damage()`, the rest opens, and writes that would touch
 * the damaged part are refused until `repair`.
 *
 * @throws ArchiveLockedError if another process (or this one) has the archive open.
 * @throws ArchiveVersionError if the archive was written by a newer Morgue.
 */
export async function openItemStore(dir: string): Promise<ItemStore> {
  const root = path.resolve(dir)
  await fs.mkdir(root, { recursive: true })
  const lock = await acquireArchiveLock(root)
  try {
    await prepareFolders(root)
    const settingsProblem = await prepareSettings(root)
    const state = await loadArchiveState(root, settingsProblem)
    const reload = () => loadArchiveState(root, undefined)
    const store = new ShardedItemStore(
      new FileBackend(root, lock),
      state.settingsDb,
      state.shards,
      {
        shardList: state.shardList,
        damage: state.damage,
        reload,
      },
    )
    await store.recordShardList()
    return store
  } catch (error) {
    await lock.release()
    throw error
  }
}

/**
 * Read the schema version, migrating or creating `archive.json` as needed. Returns the damage
 * when the settings file is lost or unreadable in a folder that holds an archive: then it is
 * neither recreated nor overwritten (a backup may have it), and the archive opens as version 2.
 */
async function prepareSettings(root: string): Promise<StoreDamage | undefined> {
  const file = path.join(root, SETTINGS_FILE)
  let version: number | undefined
  try {
    version = await readSchemaVersion(root)
  } catch (error) {
    if (!(error instanceof CorruptArchiveError)) throw error
    return { kind: 'settings-damaged', file, detail: error.detail }
  }
  if (version !== undefined) {
    await migrateArchive(root, version)
    return undefined
  }
  if (await holdsArchiveContent(root)) {
    return {
      kind: 'settings-missing',
      file,
      detail:
        'the settings file is missing: saved searches, aliases and tag colours are not loaded',
    }
  }
  await createSettingsFile(root)
  return undefined
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
  const data: ArchiveFile = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: defaultSettings(),
    shards: [],
  }
  await writeFileDurably(path.join(root, SETTINGS_FILE), JSON.stringify(data, null, 2), {
    tmpDir: path.join(root, TMP_DIR),
  })
  await syncDir(path.dirname(root)).catch(() => undefined)
}
