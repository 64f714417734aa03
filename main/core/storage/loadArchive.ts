import fs from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { defaultSettings, type ArchiveFile, type ShardData } from './backend'
import type { StoreDamage } from './damage'
import { DurableJsonFile } from './durableFile'
import { CorruptArchiveError } from './errors'
import { recordProblem } from './itemRecord'
import {
  BLOBS_DIR,
  CURRENT_SCHEMA_VERSION,
  ITEMS_DIR,
  SETTINGS_FILE,
  TMP_DIR,
  shardKeyOf,
  shardKeyOfFile,
  shardPath,
} from './layout'
import { mapLimit } from './mapLimit'

/** Shard files read in parallel at open: file reads overlap the (main-thread) JSON parsing. */
const LOAD_CONCURRENCY = 8

/** An archive folder as read at open (or reread after a repair). */
export interface ArchiveState {
  settingsDb: Low<ArchiveFile>
  shards: [string, Low<ShardData>][]
  /** Shard keys the settings file lists (with those found on disk); see ArchiveFile.shards. */
  shardList: Set<string>
  damage: StoreDamage[]
}

/**
 * Read the settings file and every shard of a version-2 archive folder. Damage does not stop
 * the open: a shard that does not parse, or whose entries are bad, is left unloaded and
 * reported; a shard the settings list but the folder lacks is reported missing; a settings
 * file that is gone (while items exist) or unreadable is reported and defaults are used in
 * memory only. Nothing is dropped silently and nothing damaged is overwritten here.
 */
export async function loadArchiveState(
  root: string,
  settingsProblem?: StoreDamage,
): Promise<ArchiveState> {
  const damage: StoreDamage[] = []
  let settingsDb: Low<ArchiveFile>
  if (settingsProblem) {
    damage.push(settingsProblem)
    settingsDb = defaultSettingsDb(root)
  } else {
    try {
      settingsDb = await loadSettings(root)
    } catch (error) {
      if (!(error instanceof CorruptArchiveError)) throw error
      damage.push({ kind: 'settings-damaged', file: error.file, detail: error.detail })
      settingsDb = defaultSettingsDb(root)
    }
  }
  const { loaded, damaged, onDisk } = await loadShards(root)
  damage.push(...damaged)
  const listed = settingsDb.data.shards
  const shardList = new Set([...(Array.isArray(listed) ? listed : []), ...onDisk])
  for (const key of Array.isArray(listed) ? listed : []) {
    if (!onDisk.has(key)) {
      damage.push({
        kind: 'shard-missing',
        file: shardPath(root, key),
        shard: key,
        detail: 'the shard file is missing, so its items are not in the archive',
      })
    }
  }
  return { settingsDb, shards: loaded, shardList, damage }
}

/**
 * Whether a folder without `archive.json` still holds an archive (shards or blobs): then the
 * settings file was lost, and recreating it empty would silently reset every setting.
 */
export async function holdsArchiveContent(root: string): Promise<boolean> {
  const shards = await fs.readdir(path.join(root, ITEMS_DIR)).catch(() => [] as string[])
  if (shards.some((name) => shardKeyOfFile(name) !== undefined)) return true
  const fans = await fs.readdir(path.join(root, BLOBS_DIR)).catch(() => [] as string[])
  for (const fan of fans) {
    const names = await fs.readdir(path.join(root, BLOBS_DIR, fan)).catch(() => [] as string[])
    if (names.length > 0) return true
  }
  return false
}

function defaultSettingsDb(root: string): Low<ArchiveFile> {
  const file = path.join(root, SETTINGS_FILE)
  const adapter = new DurableJsonFile<ArchiveFile>(file, path.join(root, TMP_DIR), 2)
  return new Low<ArchiveFile>(adapter, {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: defaultSettings(),
  })
}

async function loadSettings(root: string): Promise<Low<ArchiveFile>> {
  const file = path.join(root, SETTINGS_FILE)
  const db = defaultSettingsDb(root)
  await db.read()
  const settings: unknown = db.data.settings
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new CorruptArchiveError(file, 'no settings object')
  }
  // Settings added by later versions of this file get their defaults.
  db.data = { ...db.data, settings: { ...defaultSettings(), ...db.data.settings } }
  return db
}

async function loadShards(root: string): Promise<{
  loaded: [string, Low<ShardData>][]
  damaged: StoreDamage[]
  onDisk: Set<string>
}> {
  const tmpDir = path.join(root, TMP_DIR)
  const keys = (await fs.readdir(path.join(root, ITEMS_DIR)))
    .map(shardKeyOfFile)
    .filter((key) => key !== undefined)
  const damaged: StoreDamage[] = []
  const read = await mapLimit(keys, LOAD_CONCURRENCY, async (key) => {
    const file = shardPath(root, key)
    const adapter = new DurableJsonFile<ShardData>(file, tmpDir)
    try {
      // Read through the adapter, not `Low.read()`: lowdb would take a `null` file for empty.
      const data = await adapter.read()
      checkShard(file, key, data)
      return [key, new Low(adapter, data as ShardData)] as [string, Low<ShardData>]
    } catch (error) {
      if (!(error instanceof CorruptArchiveError)) throw error
      damaged.push({ kind: 'shard-damaged', file, shard: key, detail: error.detail })
      return undefined
    }
  })
  return {
    loaded: read.filter((entry) => entry !== undefined),
    damaged: damaged.sort((a, b) => a.file.localeCompare(b.file)),
    onDisk: new Set(keys),
  }
}

/** @throws CorruptArchiveError naming the shard file and the first bad entry. */
export function checkShard(file: string, key: string, data: unknown): void {
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
