import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { verifySegmentFile } from '../search/segment'
import type { ArchiveFile, ShardData } from '../storage/backend'
import type { ItemRecord } from '../storage/itemRecord'
import { checkShard, holdsArchiveContent } from '../storage/loadArchive'
import {
  BLOBS_DIR,
  ITEMS_DIR,
  SETTINGS_FILE,
  blobFilePath,
  isSha256,
  shardKeyOfFile,
  shardPath,
} from '../storage/layout'
import type { VerifyProblem, VerifyReport } from './verifyReport'

/** How a blob checked out. */
type BlobState = 'ok' | 'missing' | 'altered'

export interface VerifyOptions {
  /** Items the open search index holds (from the engine), compared with the store. */
  indexedItems?: number
  now?: () => Date
}

/**
 * Check an archive folder against itself, file by file: the settings file, the shard list and
 * every shard, every record and its summary, every file an item refers to (read whole and
 * hashed), every other blob, and the search index's segment files (checksums) against the
 * store. Reads only; run it with writes paused (`store.maintain`) while the archive is open.
 */
export async function verifyArchive(
  dir: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const root = path.resolve(dir)
  const problems: VerifyProblem[] = []
  const checked = { shards: 0, items: 0, files: 0, bytes: 0, indexSegments: 0 }
  const blobs = new Map<string, BlobState>()

  async function blobState(sha256: string): Promise<BlobState> {
    const known = blobs.get(sha256)
    if (known) return known
    let state: BlobState
    try {
      const bytes = await fs.readFile(blobFilePath(root, sha256))
      checked.files++
      checked.bytes += bytes.byteLength
      state = createHash('sha256').update(bytes).digest('hex') === sha256 ? 'ok' : 'altered'
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      state = 'missing'
    }
    blobs.set(sha256, state)
    return state
  }

  const settings = await checkSettings(root, problems)
  const listed = new Set(Array.isArray(settings?.shards) ? settings.shards : [])
  const onDisk = (await fs.readdir(path.join(root, ITEMS_DIR)).catch(() => [] as string[]))
    .map(shardKeyOfFile)
    .filter((key) => key !== undefined)
    .sort()
  for (const key of listed) {
    if (!onDisk.includes(key)) {
      problems.push({
        kind: 'shard-missing',
        severity: 'error',
        file: shardPath(root, key),
        shard: key,
        detail: 'a shard listed in archive.json is missing: its items are not in the archive',
      })
    }
  }
  let itemCount = 0
  for (const key of onDisk) {
    const file = shardPath(root, key)
    checked.shards++
    if (settings && Array.isArray(settings.shards) && !listed.has(key)) {
      problems.push({
        kind: 'shard-unlisted',
        severity: 'warning',
        file,
        shard: key,
        detail: 'a shard not yet listed in archive.json (it is listed at the next open)',
      })
    }
    let data: ShardData
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'))
      checkShard(file, key, parsed)
      data = parsed as ShardData
    } catch (error) {
      const detail =
        error instanceof SyntaxError
          ? `not valid JSON: ${error.message}`
          : ((error as { detail?: string }).detail ?? (error as Error).message)
      problems.push({ kind: 'shard-damaged', severity: 'error', file, shard: key, detail })
      continue
    }
    for (const [id, record] of Object.entries(data.items)) {
      itemCount++
      checked.items++
      await checkRecord(root, id, record, blobState, problems)
    }
  }
  await checkStrayBlobs(root, blobs, blobState, problems)
  checked.indexSegments = await checkIndex(root, itemCount, options.indexedItems, problems)
  return {
    dir: root,
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    ok: !problems.some((p) => p.severity === 'error'),
    checked,
    problems,
  }
}

async function checkSettings(
  root: string,
  problems: VerifyProblem[],
): Promise<Partial<ArchiveFile> | undefined> {
  const file = path.join(root, SETTINGS_FILE)
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    if (await holdsArchiveContent(root)) {
      problems.push({
        kind: 'settings-missing',
        severity: 'error',
        file,
        detail: 'the settings file is missing: saved searches, aliases and tag colours are lost',
      })
    }
    return undefined
  }
  let data: Partial<ArchiveFile>
  try {
    data = JSON.parse(text) as Partial<ArchiveFile>
  } catch (error) {
    problems.push({
      kind: 'settings-damaged',
      severity: 'error',
      file,
      detail: `not valid JSON: ${(error as Error).message}`,
    })
    return undefined
  }
  const settings: unknown = data?.settings
  if (
    typeof data?.schemaVersion !== 'number' ||
    typeof settings !== 'object' ||
    settings === null ||
    Array.isArray(settings)
  ) {
    problems.push({
      kind: 'settings-damaged',
      severity: 'error',
      file,
      detail: 'no schema version or no settings object',
    })
    return undefined
  }
  return data
}

async function checkRecord(
  root: string,
  id: string,
  record: ItemRecord,
  blobState: (sha256: string) => Promise<BlobState>,
  problems: VerifyProblem[],
): Promise<void> {
  const file = blobFilePath(root, record.content)
  const state = await blobState(record.content)
  if (state !== 'ok') {
    problems.push({
      kind: state === 'missing' ? 'content-missing' : 'content-altered',
      severity: 'error',
      file,
      itemId: id,
      field: 'content',
      sha256: record.content,
      detail:
        state === 'missing'
          ? 'the item’s text is missing'
          : 'the item’s text no longer matches its sha256',
    })
    return
  }
  let content: unknown
  try {
    content = JSON.parse(await fs.readFile(file, 'utf8'))
  } catch {
    problems.push({
      kind: 'content-unreadable',
      severity: 'error',
      file,
      itemId: id,
      field: 'content',
      sha256: record.content,
      detail: 'the item’s text is not JSON',
    })
    return
  }
  const refs = blobRefsIn(content)
  if (record.summary.thumbnail) {
    refs.push({ sha256: record.summary.thumbnail.sha256, field: 'summary.thumbnail' })
  }
  for (const ref of refs) {
    const at = await blobState(ref.sha256)
    if (at === 'ok') continue
    problems.push({
      kind: at === 'missing' ? 'file-missing' : 'file-altered',
      severity: 'error',
      file: blobFilePath(root, ref.sha256),
      itemId: id,
      field: ref.field,
      sha256: ref.sha256,
      detail: at === 'missing' ? 'a file of the item is missing' : 'a file of the item was altered',
    })
  }
  const c = content as { photos?: unknown[]; photo?: unknown }
  const photoCount = Array.isArray(c?.photos) ? c.photos.length : c?.photo ? 1 : 0
  if (photoCount !== record.summary.photoCount) {
    problems.push({
      kind: 'summary-mismatch',
      severity: 'warning',
      file: shardPath(root, id.slice(0, 2)),
      itemId: id,
      field: 'summary.photoCount',
      detail: `the summary counts ${record.summary.photoCount} photo(s), the item has ${photoCount}`,
    })
  }
}

/** Every `{ sha256, mime }` (a BlobRef) inside an item's content, with its field path. */
export function blobRefsIn(value: unknown, at = ''): { sha256: string; field: string }[] {
  const out: { sha256: string; field: string }[] = []
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...blobRefsIn(v, `${at}[${i}]`)))
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>
    if (typeof v.sha256 === 'string' && typeof v.mime === 'string' && isSha256(v.sha256)) {
      out.push({ sha256: v.sha256, field: at || 'content' })
    } else {
      for (const [key, inner] of Object.entries(v)) {
        out.push(...blobRefsIn(inner, at ? `${at}.${key}` : key))
      }
    }
  }
  return out
}

/** Blobs no item refers to are hashed too: an altered one is reported (as a warning). */
async function checkStrayBlobs(
  root: string,
  seen: Map<string, BlobState>,
  blobState: (sha256: string) => Promise<BlobState>,
  problems: VerifyProblem[],
): Promise<void> {
  const blobsDir = path.join(root, BLOBS_DIR)
  for (const fan of await fs.readdir(blobsDir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue
    for (const name of await fs.readdir(path.join(blobsDir, fan)).catch(() => [] as string[])) {
      if (!isSha256(name) || !name.startsWith(fan) || seen.has(name)) continue
      if ((await blobState(name)) === 'altered') {
        problems.push({
          kind: 'stray-file-altered',
          severity: 'warning',
          file: path.join(blobsDir, fan, name),
          sha256: name,
          detail: 'a file no item refers to was altered (compact removes it)',
        })
      }
    }
  }
}

/** Segment checksums, and the index's item count against the store's. Returns segments read. */
async function checkIndex(
  root: string,
  storeItems: number,
  indexedItems: number | undefined,
  problems: VerifyProblem[],
): Promise<number> {
  const dir = path.join(root, 'index')
  const manifestFile = path.join(dir, 'manifest.json')
  let manifest: { segments?: { file?: string }[] }
  try {
    manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as typeof manifest
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    if (missing && storeItems === 0) return 0
    problems.push({
      kind: 'index-damaged',
      severity: 'error',
      file: manifestFile,
      detail: missing ? 'the search index is missing' : 'the search index manifest is not JSON',
    })
    return 0
  }
  let segments = 0
  for (const entry of Array.isArray(manifest.segments) ? manifest.segments : []) {
    const file = path.join(dir, String(entry.file))
    try {
      await verifySegmentFile(await fs.readFile(file))
      segments++
    } catch (error) {
      problems.push({
        kind: 'index-damaged',
        severity: 'error',
        file,
        detail: `a search index segment is damaged (${(error as Error).message})`,
      })
    }
  }
  if (indexedItems !== undefined && indexedItems !== storeItems) {
    problems.push({
      kind: 'index-stale',
      severity: 'error',
      file: manifestFile,
      detail: `the search index holds ${indexedItems} item(s), the store ${storeItems}`,
    })
  }
  return segments
}
