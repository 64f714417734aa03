import path from 'node:path'

/**
 * The on-disk layout of an archive folder (schema version 2):
 *
 *   archive.json          { schemaVersion, settings }       (lowdb, small)
 *   morgue.lock           { pid, host, startedAt }           (present while open)
 *   items/<ss>.json       { items: { [id]: ItemRecord } }    (lowdb shard, no bodies)
 *   blobs/<ab>/<sha256>   content-addressed bytes: bodies, images, snapshots
 *   tmp/                  temp files of writes in flight; emptied at open
 *
 * Paths only: no I/O here.
 */

/** The schema version this build writes. */
export const CURRENT_SCHEMA_VERSION = 2

export const SETTINGS_FILE = 'archive.json'
export const LOCK_FILE = 'morgue.lock'
export const ITEMS_DIR = 'items'
export const BLOBS_DIR = 'blobs'
export const TMP_DIR = 'tmp'
/** The single lowdb file of schema version 1 (see migrations.ts). */
export const V1_DB_FILE = 'db.json'
export const V1_BACKUP_FILE = 'db.v1-backup.json'

const SHARD_FILE = /^([0-9a-f]{2})\.json$/
const SHA256 = /^[0-9a-f]{64}$/

/**
 * The shard of an item: the first two hex characters of its id, so 256 shards of ~400 items at
 * 100k (random ids spread evenly). Ids that do not start with hex are hashed (FNV-1a) instead.
 */
export function shardKeyOf(id: string): string {
  const prefix = id.slice(0, 2)
  if (/^[0-9a-f]{2}$/.test(prefix)) return prefix
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return ((h >>> 0) & 0xff).toString(16).padStart(2, '0')
}

/** The shard key of a file name in `items/`, or undefined for files that are not shards. */
export function shardKeyOfFile(fileName: string): string | undefined {
  return SHARD_FILE.exec(fileName)?.[1]
}

export function shardPath(dir: string, key: string): string {
  return path.join(dir, ITEMS_DIR, `${key}.json`)
}

/** Whether a string is a sha256 in lower-case hex (a blob name). */
export function isSha256(value: string): boolean {
  return SHA256.test(value)
}

/**
 * Absolute path of a blob. Throws on anything but a sha256, so a caller's string can never
 * point outside `blobs/`.
 */
export function blobFilePath(dir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`Not a blob id (sha256 hex): ${JSON.stringify(sha256)}`)
  return path.join(dir, BLOBS_DIR, sha256.slice(0, 2), sha256)
}
