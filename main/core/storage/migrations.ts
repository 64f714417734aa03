import fs from 'node:fs/promises'
import path from 'node:path'
import type { ArchiveItem } from '../model'
import { defaultSettings, type ArchiveFile, type ShardData } from './backend'
import { BlobFiles } from './blobFiles'
import { DurableJsonFile, writeFileDurably } from './durableFile'
import { ArchiveVersionError, CorruptArchiveError } from './errors'
import { splitItem } from './itemRecord'
import type { ArchiveSettings } from './itemStore'
import {
  CURRENT_SCHEMA_VERSION,
  ITEMS_DIR,
  SETTINGS_FILE,
  TMP_DIR,
  V1_BACKUP_FILE,
  V1_DB_FILE,
  shardKeyOf,
  shardPath,
} from './layout'

/**
 * Schema version 1: the first prototype's single lowdb file `db.json`, holding every item whole.
 * It is rewritten in full on every change (9 s at 100k articles), hence version 2.
 */
export interface V1Database {
  schemaVersion: 1
  items: ArchiveItem[]
  settings?: Partial<ArchiveSettings>
}

/**
 * One step from version `n` to `n + 1`. It must be safe to re-run after a crash midway, and
 * its last act must be writing `archive.json` with the new version (the commit point).
 */
type Migration = (dir: string) => Promise<void>

const MIGRATIONS: Record<number, Migration> = {
  1: migrateV1ToV2,
}

/**
 * The archive's schema version: from `archive.json`, else 1 if a version-1 `db.json` is there,
 * else undefined (a new, empty folder).
 *
 * @throws CorruptArchiveError if `archive.json` is unreadable or has no version.
 */
export async function readSchemaVersion(dir: string): Promise<number | undefined> {
  const file = path.join(dir, SETTINGS_FILE)
  const data = await new DurableJsonFile<Partial<ArchiveFile>>(file, path.join(dir, TMP_DIR)).read()
  if (data === null) return (await exists(path.join(dir, V1_DB_FILE))) ? 1 : undefined
  const version = data.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CorruptArchiveError(file, 'no valid schemaVersion')
  }
  return version
}

/**
 * Bring an archive folder from `from` up to {@link CURRENT_SCHEMA_VERSION}, one step at a time.
 * Run it with the archive lock held.
 *
 * @throws ArchiveVersionError if `from` is newer than this build understands.
 */
export async function migrateArchive(dir: string, from: number): Promise<void> {
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new ArchiveVersionError(dir, from, CURRENT_SCHEMA_VERSION)
  }
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version]
    if (!step) throw new Error(`No migration from archive format ${version} (bug).`)
    await step(dir)
  }
}

/**
 * v1 → v2: split `db.json` into shards and content blobs, write `archive.json`, keep the old
 * file as `db.v1-backup.json`. Re-running after a crash rewrites the same shards and blobs.
 */
async function migrateV1ToV2(dir: string): Promise<void> {
  const tmpDir = path.join(dir, TMP_DIR)
  const v1File = path.join(dir, V1_DB_FILE)
  const v1 = await new DurableJsonFile<V1Database>(v1File, tmpDir).read()
  if (v1 === null) throw new CorruptArchiveError(v1File, 'missing, but archive.json says version 1')
  if (!Array.isArray(v1.items)) throw new CorruptArchiveError(v1File, 'no item list')

  const blobs = new BlobFiles(dir)
  const shards = new Map<string, ShardData>()
  const contents = []
  for (const item of v1.items) {
    if (typeof item?.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(item.id)) {
      throw new CorruptArchiveError(v1File, `an item has a bad id: ${JSON.stringify(item?.id)}`)
    }
    const { record, contentBytes } = splitItem(item)
    contents.push({ sha256: record.content, bytes: contentBytes })
    const key = shardKeyOf(item.id)
    const shard = shards.get(key) ?? { items: {} }
    shard.items[item.id] = record
    shards.set(key, shard)
  }
  await blobs.writeMany(contents)
  await fs.mkdir(path.join(dir, ITEMS_DIR), { recursive: true })
  for (const [key, shard] of shards) {
    await writeFileDurably(shardPath(dir, key), JSON.stringify(shard), { tmpDir })
  }
  const next: ArchiveFile = {
    schemaVersion: 2,
    settings: { ...defaultSettings(), ...v1.settings },
  }
  await writeFileDurably(path.join(dir, SETTINGS_FILE), JSON.stringify(next, null, 2), { tmpDir })
  await fs.rename(v1File, path.join(dir, V1_BACKUP_FILE))
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  )
}
