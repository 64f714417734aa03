import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { placeBlob } from '../backup/copyBlob'
import { snapshotsAt, type Snapshot } from '../backup/snapshots'
import { defaultSettings, type ArchiveFile } from '../storage/backend'
import { writeFileDurably } from '../storage/durableFile'
import type { ItemStore } from '../storage/itemStore'
import { checkShard } from '../storage/loadArchive'
import {
  BLOBS_DIR,
  CURRENT_SCHEMA_VERSION,
  ITEMS_DIR,
  SETTINGS_FILE,
  TMP_DIR,
  shardKeyOfFile,
} from '../storage/layout'
import { QUARANTINE_DIR, quarantineFile, quarantineStamp } from './quarantine'
import { verifyArchive } from './verifyArchive'
import type { RepairAction, RepairReport, VerifyProblem } from './verifyReport'

export interface RepairOptions {
  /** Backup folders (or snapshot folders) to restore from; the newest good copy wins. */
  backups?: readonly string[]
  /** Rebuild the search index (the archive's engine); called with writes paused. */
  rebuildIndex?: () => Promise<void>
  /** Items the index holds after the rebuild, for the final check. */
  indexedItems?: () => Promise<number | undefined>
  now?: () => Date
}

/**
 * Repair an open archive, with writes paused: check it, move every damaged file into
 * `quarantine/<timestamp>/` (nothing is deleted), put back the newest good copy of each from
 * the backups (settings, shards, blobs, each checked before use), make what no backup holds
 * usable again (an empty shard, default settings) and list it as not recovered, reread the
 * folder, rebuild the search index, and check again.
 */
export async function repairArchive(
  store: ItemStore,
  options: RepairOptions = {},
): Promise<RepairReport> {
  if (!store.maintain) throw new Error('This archive cannot be repaired (it has no folder).')
  const root = store.dir
  const now = options.now ?? (() => new Date())
  return store.maintain(async (reload) => {
    const before = await verifyArchive(root, { indexedItems: await options.indexedItems?.(), now })
    const snapshots = await findSnapshots(options.backups ?? [])
    const quarantine = path.join(root, QUARANTINE_DIR, quarantineStamp(now()))
    const actions: RepairAction[] = []
    const unrecovered: VerifyProblem[] = []
    const tmpDir = path.join(root, TMP_DIR)
    let quarantined = false

    async function moveAside(file: string, detail: string): Promise<void> {
      const moved = await quarantineFile(root, quarantine, file)
      if (!moved) return
      quarantined = true
      actions.push({ action: 'quarantined', file, detail: `${detail}; moved to ${moved}` })
    }

    async function repairFiles(problems: VerifyProblem[]): Promise<void> {
      const doneBlobs = new Set<string>()
      for (const p of problems) {
        if (p.kind === 'settings-missing' || p.kind === 'settings-damaged') {
          await moveAside(p.file, p.detail)
          const good = await firstGood(snapshots, SETTINGS_FILE, validSettings)
          if (good) {
            await writeFileDurably(p.file, good.bytes, { tmpDir })
            actions.push({
              action: 'restored',
              file: p.file,
              from: good.from,
              detail: 'settings restored',
            })
          } else {
            const fresh: ArchiveFile = {
              schemaVersion: CURRENT_SCHEMA_VERSION,
              settings: defaultSettings(),
            }
            await writeFileDurably(p.file, JSON.stringify(fresh, null, 2), { tmpDir })
            actions.push({
              action: 'reset',
              file: p.file,
              detail: 'no backup holds the settings: defaults written',
            })
            unrecovered.push(p)
          }
        } else if (p.kind === 'shard-damaged' || p.kind === 'shard-missing') {
          const key = p.shard!
          await moveAside(p.file, p.detail)
          const rel = path.join(ITEMS_DIR, `${key}.json`)
          const good = await firstGood(snapshots, rel, (bytes) => validShard(bytes, key))
          if (good) {
            await writeFileDurably(p.file, good.bytes, { tmpDir })
            actions.push({
              action: 'restored',
              file: p.file,
              from: good.from,
              detail: `shard ${key} restored`,
            })
          } else {
            await writeFileDurably(p.file, JSON.stringify({ items: {} }), { tmpDir })
            actions.push({
              action: 'reset',
              file: p.file,
              detail: `no backup holds shard ${key}: an empty shard was written so the archive can be changed again`,
            })
            unrecovered.push(p)
          }
        } else if (
          p.sha256 &&
          /^(content|file)-(missing|altered|unreadable)$|^stray-file-altered$/.test(p.kind)
        ) {
          if (doneBlobs.has(p.sha256)) continue
          doneBlobs.add(p.sha256)
          if (p.kind !== 'content-missing' && p.kind !== 'file-missing')
            await moveAside(p.file, p.detail)
          if (p.kind === 'stray-file-altered') continue
          const rel = path.join(BLOBS_DIR, p.sha256.slice(0, 2), p.sha256)
          const good = await firstGood(snapshots, rel, (bytes) => sha256Of(bytes) === p.sha256)
          if (good && (await placeBlob(p.sha256, p.file, { copyFrom: good.path })) === 'copied') {
            actions.push({
              action: 'restored',
              file: p.file,
              from: good.from,
              detail: `file restored${p.itemId ? ` for item ${p.itemId} (${p.field})` : ''}`,
            })
          } else {
            unrecovered.push(...problems.filter((q) => q.sha256 === p.sha256))
          }
        }
      }
    }

    await repairFiles(
      before.problems.filter((p) => p.severity === 'error' || p.kind === 'stray-file-altered'),
    )
    // Shards restored from a backup may refer to files the archive lacks: a second pass.
    const between = await verifyArchive(root, { now })
    const again = between.problems.filter(
      (p) =>
        p.severity === 'error' &&
        !p.kind.startsWith('index-') &&
        !unrecovered.some((u) => u.file === p.file),
    )
    if (again.length > 0) await repairFiles(again)

    await reload()
    if (options.rebuildIndex) {
      await options.rebuildIndex()
      actions.push({
        action: 'rebuilt',
        file: path.join(root, 'index'),
        detail: `search index rebuilt from ${store.size} item(s)`,
      })
    }
    const after = await verifyArchive(root, { indexedItems: await options.indexedItems?.(), now })
    return {
      dir: root,
      quarantine: quarantined ? quarantine : undefined,
      backupsSearched: snapshots.map((s) => s.dir),
      actions,
      unrecovered,
      before,
      after,
    }
  })
}

/** Every snapshot of the given backup folders, newest first. */
async function findSnapshots(backups: readonly string[]): Promise<Snapshot[]> {
  const all = (await Promise.all(backups.map((b) => snapshotsAt(path.resolve(b))))).flat()
  const unique = [...new Map(all.map((s) => [s.dir, s])).values()]
  return unique.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt))
}

/** The newest snapshot's copy of `rel` that passes `good`. */
async function firstGood(
  snapshots: readonly Snapshot[],
  rel: string,
  good: (bytes: Buffer) => boolean,
): Promise<{ bytes: Buffer; from: string; path: string } | undefined> {
  for (const s of snapshots) {
    const file = path.join(s.dir, rel)
    const bytes = await fs.readFile(file).catch(() => null)
    if (bytes && good(bytes)) return { bytes, from: s.dir, path: file }
  }
  return undefined
}

function validSettings(bytes: Buffer): boolean {
  try {
    const data = JSON.parse(bytes.toString('utf8')) as Partial<ArchiveFile>
    return (
      typeof data.schemaVersion === 'number' &&
      typeof data.settings === 'object' &&
      data.settings !== null
    )
  } catch {
    return false
  }
}

function validShard(bytes: Buffer, key: string): boolean {
  try {
    checkShard(`${key}.json`, key, JSON.parse(bytes.toString('utf8')))
    return shardKeyOfFile(`${key}.json`) === key
  } catch {
    return false
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
