import { Low } from 'lowdb'
import type { ArchiveItem, BlobRef, ItemId, ItemSummary } from '../model'
import type { ArchiveFile, ShardData, StorageBackend, StoredBlob } from './backend'
import type { BlobWrite } from './blobFiles'
import type { StoreDamage } from './damage'
import {
  BlobNotFoundError,
  DamagedArchiveError,
  DamagedBlobError,
  DamagedContentError,
  StoreClosedError,
} from './errors'
import {
  freezeSummary,
  joinItem,
  sha256Hex,
  splitItem,
  type ItemContent,
  type ItemRecord,
} from './itemRecord'
import type { ArchiveSettings, CompactReport, ItemStore, TagEdit } from './itemStore'
import { shardKeyOf } from './layout'
import { mapLimit } from './mapLimit'

/** Blob reads in flight for `getMany`/`all`: overlaps I/O without flooding file descriptors. */
const READ_CONCURRENCY = 16
/** `all()` reads this many items ahead. */
const STREAM_BATCH = 64
/** Ids become keys of shard tables: plain characters only (no `__proto__`, no paths). */
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * The {@link ItemStore} over a {@link StorageBackend}: items partitioned into lowdb shards by id
 * prefix (records without large text), content in content-addressed blobs.
 *
 * In memory: every shard's records (a frozen summary, the content hash and the content blob's
 * sha256 per item), and once asked for, the content-hash → id map.
 * Writes are serialised (one at a time, in call order); each shard write is atomic, but a `put`
 * or `delete` spanning several shards is not: a crash midway leaves some shards updated. A
 * failed shard write leaves that shard's file and in-memory state as they were.
 */
export class ShardedItemStore implements ItemStore {
  private readonly shards = new Map<string, Low<ShardData>>()
  /** Every record by id: fast lookups and iteration (the shards' tables are for writing). */
  private readonly byId = new Map<ItemId, ItemRecord>()
  /** content hash → id(s); built on the first `idByHash` (imports only), ~60 ms at 100k. */
  private idsByHash: Map<string, ItemId | ItemId[]> | undefined
  private writes: Promise<unknown> = Promise.resolve()
  /**
   * Blob writes in flight. Blobs are content-addressed and never change, so they are written
   * side by side, outside the write queue (a bulk photo import overlaps its fsyncs); only
   * compaction and maintenance, which look at the set of blobs, wait for them and hold new
   * ones back (`blobGate`) while they run.
   */
  private readonly blobWrites = new Set<Promise<void>>()
  private blobGate: Promise<void> = Promise.resolve()
  private closed = false
  /** Shard keys that exist (recorded in the settings file, so a lost shard is noticed). */
  private shardList = new Set<string>()
  private damageFound: StoreDamage[] = []
  /** Damaged or missing shards by key: writes to them are refused until repair. */
  private damagedShards = new Map<string, StoreDamage>()
  private settingsDamage: StoreDamage | undefined

  /**
   * @param shards already-read shard databases keyed by shard key (validated by the caller).
   * @param health what the open found (shard list, damage) and how to reread the folder.
   */
  constructor(
    private readonly backend: StorageBackend,
    private settingsDb: Low<ArchiveFile>,
    shards: Iterable<[string, Low<ShardData>]> = [],
    private readonly health: {
      shardList?: Iterable<string>
      damage?: readonly StoreDamage[]
      reload?: () => Promise<{
        settingsDb: Low<ArchiveFile>
        shards: [string, Low<ShardData>][]
        shardList: Set<string>
        damage: StoreDamage[]
      }>
    } = {},
  ) {
    this.load(shards, health.shardList, health.damage)
  }

  private load(
    shards: Iterable<[string, Low<ShardData>]>,
    shardList: Iterable<string> = [],
    damage: readonly StoreDamage[] = [],
  ): void {
    this.shards.clear()
    this.byId.clear()
    this.idsByHash = undefined
    for (const [key, db] of shards) {
      this.shards.set(key, db)
      for (const record of Object.values(db.data.items)) {
        freezeSummary(record.summary)
        this.index(undefined, record)
      }
    }
    this.shardList = new Set([...shardList, ...this.shards.keys()])
    this.damageFound = [...damage]
    this.damagedShards = new Map(
      damage.filter((d) => d.shard !== undefined).map((d) => [d.shard!, d]),
    )
    this.settingsDamage = damage.find((d) => d.kind.startsWith('settings-'))
  }

  /** What was found damaged at open (or at the last reload); empty when all is well. */
  damage(): StoreDamage[] {
    return this.damageFound.map((d) => ({ ...d }))
  }

  /**
   * Run `task` with writes paused (after those in flight, before any queued): a consistent
   * moment for a backup or a repair. `reload` rereads the folder from disk (after a repair has
   * put files back) and replaces what is in memory.
   */
  maintain<T>(task: (reload: () => Promise<void>) => Promise<T>): Promise<T> {
    this.assertOpen()
    return this.exclusive(() =>
      this.blobsPaused(() =>
        task(async () => {
          if (!this.health.reload) return
          const state = await this.health.reload()
          this.settingsDb = state.settingsDb
          this.load(state.shards, state.shardList, state.damage)
          await this.writeShardList()
        }),
      ),
    )
  }

  /** Write the shard list into the settings file if it is not there yet (older archives). */
  async recordShardList(): Promise<void> {
    await this.exclusive(() => this.writeShardList())
  }

  private async writeShardList(): Promise<void> {
    if (this.settingsDamage) return
    const list = [...this.shardList].sort()
    const recorded = this.settingsDb.data.shards
    if (Array.isArray(recorded) && recorded.join() === list.join()) return
    const before = this.settingsDb.data
    this.settingsDb.data = { ...before, shards: list }
    try {
      await this.settingsDb.write()
    } catch (error) {
      this.settingsDb.data = before
      throw error
    }
  }

  private refuseDamaged(keys: Iterable<string>): void {
    for (const key of keys) {
      const damage = this.damagedShards.get(key)
      if (damage) throw new DamagedArchiveError(damage.file, damage.detail)
    }
  }

  get dir(): string {
    return this.backend.dir
  }

  get size(): number {
    return this.byId.size
  }

  async get(id: ItemId): Promise<ArchiveItem | undefined> {
    this.assertOpen()
    const record = this.recordOf(id)
    return record && this.readItem(record)
  }

  async getMany(ids: readonly ItemId[]): Promise<ArchiveItem[]> {
    this.assertOpen()
    const records = ids.map((id) => this.recordOf(id)).filter((r) => r !== undefined)
    return mapLimit(records, READ_CONCURRENCY, (record) => this.readItem(record))
  }

  summary(id: ItemId): ItemSummary | undefined {
    return this.recordOf(id)?.summary
  }

  /** Frozen summaries (shared, not copies). A plain iterator: 100k yields of a generator cost ~15 ms. */
  summaries(): IterableIterator<ItemSummary> {
    const records = this.byId.values()
    const iterator: IterableIterator<ItemSummary> = {
      next: () => {
        const step = records.next()
        return step.done ? step : { done: false, value: step.value.summary }
      },
      [Symbol.iterator]: () => iterator,
    }
    return iterator
  }

  /** Every readable item; an item whose content is damaged is left out (verify reports it). */
  async *all(): AsyncIterableIterator<ArchiveItem> {
    const ids = [...this.summaries()].map((s) => s.id)
    for (let i = 0; i < ids.length; i += STREAM_BATCH) {
      const batch = ids.slice(i, i + STREAM_BATCH)
      try {
        yield* await this.getMany(batch)
      } catch (error) {
        if (!(error instanceof DamagedContentError)) throw error
        for (const id of batch) {
          const item = await this.get(id).catch((e: unknown) => {
            if (e instanceof DamagedContentError) return undefined
            throw e
          })
          if (item) yield item
        }
      }
    }
  }

  idByHash(contentHash: string): ItemId | undefined {
    if (!this.idsByHash) {
      this.idsByHash = new Map()
      for (const record of this.records()) this.mapHash(record.contentHash, record.summary.id)
    }
    const ids = this.idsByHash.get(contentHash)
    return Array.isArray(ids) ? ids[0] : ids
  }

  /**
   * Insert or replace items (the last of several with one id wins). Content blobs are written
   * first, then the shards, so a crash never leaves a record pointing at a missing blob.
   *
   * @throws Error if an item lacks an id, kind, title, tag list or content hash.
   */
  async put(items: readonly ArchiveItem[]): Promise<void> {
    this.assertOpen()
    for (const item of items) assertStorable(item)
    // Split now: what is stored is the items as they were at the call, whatever the caller
    // does with them while the write waits its turn.
    const splits = [...new Map(items.map((item) => [item.id, item])).values()].map(splitItem)
    return this.exclusive(async () => {
      const blobs: BlobWrite[] = []
      const changes = new Map<string, ItemRecord[]>()
      for (const { record, contentBytes } of splits) {
        const { id } = record.summary
        // A tag edit keeps the content blob: no blob write, no existence check.
        if (this.recordOf(id)?.content !== record.content) {
          blobs.push({ sha256: record.content, bytes: contentBytes })
        }
        groupInto(changes, shardKeyOf(id), record)
      }
      this.refuseDamaged(changes.keys())
      await this.backend.writeBlobs(blobs)
      try {
        await settleAll([...changes], ([key, records]) =>
          this.writeShard(key, (data) => {
            for (const record of records) data[record.summary.id] = record
          }),
        )
      } finally {
        // A new shard is listed once it is on disk (a listed shard that is absent is damage).
        const added = [...changes.keys()].filter(
          (k) => this.shards.has(k) && !this.shardList.has(k),
        )
        for (const key of added) this.shardList.add(key)
        if (added.length > 0) await this.writeShardList()
      }
    })
  }

  async putTags(edits: readonly TagEdit[]): Promise<void> {
    this.assertOpen()
    const latest = new Map(edits.map((e) => [e.id, e]))
    return this.exclusive(async () => {
      const changes = new Map<string, ItemRecord[]>()
      for (const edit of latest.values()) {
        const record = this.recordOf(edit.id)
        if (!record) continue
        groupInto(changes, shardKeyOf(edit.id), {
          ...record,
          summary: retaggedSummary(record.summary, edit),
        })
      }
      this.refuseDamaged(changes.keys())
      await settleAll([...changes], ([key, records]) =>
        this.writeShard(key, (data) => {
          for (const record of records) data[record.summary.id] = record
        }),
      )
    })
  }

  /** Remove items; returns them in the order asked (unknown ids skipped). Blobs stay. */
  async delete(ids: readonly ItemId[]): Promise<ArchiveItem[]> {
    this.assertOpen()
    return this.exclusive(async () => {
      const removed = await this.getMany([...new Set(ids)])
      const byShard = new Map<string, ItemId[]>()
      for (const { id } of removed) groupInto(byShard, shardKeyOf(id), id)
      await settleAll([...byShard], ([key, shardIds]) =>
        this.writeShard(key, (data) => {
          for (const id of shardIds) delete data[id]
        }),
      )
      return removed
    })
  }

  async putBlob(
    bytes: Uint8Array,
    mime: string,
    fileName?: string,
    knownSha256?: string,
  ): Promise<BlobRef> {
    this.assertOpen()
    // The bytes hashed are the bytes written: a copy, unless the caller hashed them already.
    const copy = knownSha256 ? bytes : Buffer.from(bytes)
    const sha256 = knownSha256 ?? sha256Hex(copy)
    // Wait while a compaction or maintenance runs; the check and the registration below are
    // in one synchronous step, so a pause that starts later always sees this write.
    for (;;) {
      const gate = this.blobGate
      await gate
      if (gate === this.blobGate) break
    }
    const write = this.backend.writeBlobs([{ sha256, bytes: copy }])
    this.blobWrites.add(write)
    try {
      await write
    } finally {
      this.blobWrites.delete(write)
    }
    const ref: BlobRef = { sha256, mime, bytes: bytes.byteLength }
    if (fileName !== undefined) ref.fileName = fileName
    return ref
  }

  /** Run `task` with no blob write in flight and new ones held back until it ends. */
  private async blobsPaused<T>(task: () => Promise<T>): Promise<T> {
    let open!: () => void
    this.blobGate = new Promise<void>((resolve) => (open = resolve))
    try {
      await Promise.allSettled([...this.blobWrites])
      return await task()
    } finally {
      open()
    }
  }

  /** @throws BlobNotFoundError */
  async readBlob(sha256: string): Promise<Buffer> {
    this.assertOpen()
    return this.backend.readBlob(sha256)
  }

  blobPath(sha256: string): string {
    return this.backend.blobPath(sha256)
  }

  /** A copy: change settings through `updateSettings`. */
  settings(): ArchiveSettings {
    return structuredClone(this.settingsDb.data.settings)
  }

  async updateSettings(change: (s: ArchiveSettings) => void): Promise<void> {
    this.assertOpen()
    return this.exclusive(async () => {
      const damage = this.settingsDamage
      if (damage) throw new DamagedArchiveError(damage.file, damage.detail)
      const before = this.settingsDb.data
      const settings = structuredClone(before.settings)
      change(settings)
      this.settingsDb.data = { ...before, settings }
      try {
        await this.settingsDb.write()
      } catch (error) {
        this.settingsDb.data = before
        throw error
      }
    })
  }

  /**
   * Remove unreferenced blobs older than `graceMs` (default one hour). A blob is referenced by
   * a record (its content) or by any `sha256` inside an item's content (images, thumbnails,
   * snapshots). Runs between writes; reads every item's content.
   */
  async compact(options: { graceMs?: number } = {}): Promise<CompactReport> {
    this.assertOpen()
    const graceMs = options.graceMs ?? 60 * 60 * 1000
    return this.exclusive(() =>
      this.blobsPaused(async () => {
        const referenced = new Set<string>()
        const records = [...this.records()]
        await mapLimit(records, READ_CONCURRENCY, async (record) => {
          referenced.add(record.content)
          if (record.summary.thumbnail) referenced.add(record.summary.thumbnail.sha256)
          collectBlobIds(await this.readItem(record), referenced)
        })
        const cutoff = Date.now() - graceMs
        const doomed: StoredBlob[] = []
        let keptBlobs = 0
        for await (const blob of this.backend.listBlobs()) {
          if (referenced.has(blob.sha256) || blob.writtenAt > cutoff) keptBlobs++
          else doomed.push(blob)
        }
        await this.backend.deleteBlobs(doomed.map((b) => b.sha256))
        const removedBytes = doomed.reduce((sum, b) => sum + b.bytes, 0)
        return { removedBlobs: doomed.length, removedBytes, keptBlobs }
      }),
    )
  }

  /** Waits for writes in flight, then releases the archive. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.writes.catch(() => undefined)
    await Promise.allSettled([...this.blobWrites])
    await this.backend.close()
  }

  private records(): IterableIterator<ItemRecord> {
    return this.byId.values()
  }

  private recordOf(id: ItemId): ItemRecord | undefined {
    return this.byId.get(id)
  }

  /** @throws DamagedContentError naming the item when its content blob is missing or altered. */
  private async readItem(record: ItemRecord): Promise<ArchiveItem> {
    const id = record.summary.id
    const file = this.backend.blobPath(record.content)
    const damaged = (kind: 'missing' | 'altered' | 'unreadable') =>
      new DamagedContentError(id, 'content', record.content, file, kind)
    let bytes: Buffer
    try {
      bytes = await this.backend.readBlob(record.content)
    } catch (error) {
      if (error instanceof BlobNotFoundError) throw damaged('missing')
      if (error instanceof DamagedBlobError) throw damaged('altered')
      throw error
    }
    let content: ItemContent
    try {
      content = JSON.parse(bytes.toString('utf8')) as ItemContent
    } catch (error) {
      throw Object.assign(damaged('unreadable'), { cause: error })
    }
    return joinItem(record, content)
  }

  /**
   * Rewrite one shard with `change` applied to a copy of its records; memory and indexes follow
   * only once the file is durable, so a failed write changes nothing.
   */
  private async writeShard(
    key: string,
    change: (items: Record<string, ItemRecord>) => void,
  ): Promise<void> {
    const db = this.shards.get(key) ?? new Low(this.backend.shardAdapter(key), { items: {} })
    const before = db.data
    const items = { ...before.items }
    change(items)
    db.data = { items }
    try {
      await db.write()
    } catch (error) {
      db.data = before
      throw error
    }
    this.shards.set(key, db)
    const ids = new Set([...Object.keys(before.items), ...Object.keys(items)])
    for (const id of ids) {
      const old = Object.hasOwn(before.items, id) ? before.items[id] : undefined
      const now = Object.hasOwn(items, id) ? items[id] : undefined
      if (old !== now) this.index(old, now)
    }
  }

  private index(old: ItemRecord | undefined, now: ItemRecord | undefined): void {
    if (old) {
      this.byId.delete(old.summary.id)
      this.unmapHash(old.contentHash, old.summary.id)
    }
    if (now) {
      this.byId.set(now.summary.id, now)
      this.mapHash(now.contentHash, now.summary.id)
    }
  }

  private mapHash(hash: string, id: ItemId): void {
    const map = this.idsByHash
    const ids = map?.get(hash)
    if (!map) return
    if (ids === undefined) map.set(hash, id)
    else if (Array.isArray(ids)) ids.push(id)
    else if (ids !== id) map.set(hash, [ids, id])
  }

  private unmapHash(hash: string, id: ItemId): void {
    const map = this.idsByHash
    const ids = map?.get(hash)
    if (!map) return
    if (ids === id) map.delete(hash)
    else if (Array.isArray(ids)) {
      const rest = ids.filter((other) => other !== id)
      map.set(hash, rest.length === 1 ? rest[0] : rest)
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task)
    this.writes = run.catch(() => undefined)
    return run
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(this.dir)
  }
}

function assertStorable(item: ArchiveItem): void {
  const what = `Cannot store item ${JSON.stringify(item?.id)}`
  if (typeof item?.id !== 'string' || !ITEM_ID.test(item.id)) throw new Error(`${what}: bad id`)
  if (item.kind !== 'article' && item.kind !== 'photo') throw new Error(`${what}: unknown kind`)
  if (typeof item.title !== 'string') throw new Error(`${what}: no title`)
  if (!Array.isArray(item.tags)) throw new Error(`${what}: no tag list`)
  if (typeof item.contentHash !== 'string') throw new Error(`${what}: no content hash`)
  if (item.kind === 'article' && (!Array.isArray(item.body) || !Array.isArray(item.photos))) {
    throw new Error(`${what}: an article needs body and photos arrays`)
  }
  if (item.kind === 'photo' && typeof item.photo !== 'object') {
    throw new Error(`${what}: a photo item needs its photo`)
  }
}

/** Every blob id (`sha256` of a BlobRef) anywhere inside a value. */
function collectBlobIds(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectBlobIds(v, into)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'sha256' && typeof v === 'string') into.add(v)
      else collectBlobIds(v, into)
    }
  }
}

/** Run all tasks to the end (so memory matches disk for those that succeeded), then rethrow. */
async function settleAll<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(items.map(fn))
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

/** A summary with new item-level tags and rule provenance (frozen; shares no lists). */
function retaggedSummary(summary: ItemSummary, edit: TagEdit): ItemSummary {
  const next: ItemSummary = { ...summary, tags: [...edit.tags] }
  delete next.ruleTags
  delete next.declinedRuleTags
  if (edit.ruleTags && Object.keys(edit.ruleTags).length > 0) next.ruleTags = { ...edit.ruleTags }
  if (edit.declinedRuleTags?.length) next.declinedRuleTags = [...edit.declinedRuleTags]
  return freezeSummary(next)
}

function groupInto<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const group = groups.get(key)
  if (group) group.push(value)
  else groups.set(key, [value])
}
