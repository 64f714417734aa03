import { createHash } from 'node:crypto'
import type { ArchiveItem, ItemId } from '../model'
import type { CouchClient, Seq } from './couchClient'
import { canonicalJson, compareRevs, fingerprint, makeRev } from './fingerprint'
import { mergeItems, tagBaseOf } from './mergeItems'
import { isSyncedSetting, mergeSettingValues } from './mergeSettings'
import {
  BLOB_PREFIX,
  DOC_VERSION,
  ITEM_PREFIX,
  SETTING_PREFIX,
  blobRev,
  blobsOf,
  parseRemoteDoc,
  revisionsOf,
  type RemoteRevision,
} from './syncDocs'
import { SyncError } from './syncError'
import { boundHistory, type SyncStateStore } from './syncState'
import type { SyncTarget } from './syncTarget'
import type { ItemConflict, SyncReport } from './types'

export interface ReplicatorOptions {
  target: SyncTarget
  client: CouchClient
  state: SyncStateStore
  downloadOriginals: boolean
  now?: () => Date
  signal?: AbortSignal
  onProgress?: (p: { phase: 'pull' | 'push'; done: number; total: number }) => void
  /** Changes per `_changes` page and documents per `_bulk_docs` (default 1000). */
  batchSize?: number
}

/** Bytes of files sent in one `_bulk_docs` request (base64 inflates them by a third). */
const BLOB_BATCH_BYTES = 8 * 1024 * 1024

/**
 * One replication of the archive with the desk's database, both ways, by CouchDB's protocol:
 * local edits become revisions; the server's changes since our checkpoint (`_changes`,
 * `style=all_docs`) are fetched (`_bulk_get` with histories, or `open_revs`), checked, merged and
 * stored; then the server is asked which of our revisions it lacks (`_revs_diff`) and is sent
 * them as they are (`_bulk_docs`, `new_edits: false`). Checkpoints live in a `_local` document on
 * the server and in the archive's sync state; after an interruption the next run continues from
 * the last checkpoint, and revisions already there are skipped, so nothing is lost or doubled.
 */
export class Replicator {
  private readonly target: SyncTarget
  private readonly client: CouchClient
  private readonly state: SyncStateStore
  private readonly now: () => Date
  private readonly batch: number
  private report: SyncReport = emptyReport()
  /** Items changed since the last full look (null: look at every item). */
  private dirty: Set<ItemId> | null = null

  constructor(private readonly options: ReplicatorOptions) {
    this.target = options.target
    this.client = options.client
    this.state = options.state
    this.now = options.now ?? (() => new Date())
    this.batch = options.batchSize ?? 1000
  }

  /** Items the archive changed: looked at on the next run instead of every item. */
  markDirty(ids: readonly ItemId[]): void {
    if (this.dirty) for (const id of ids) this.dirty.add(id)
  }

  async run(): Promise<SyncReport> {
    this.report = emptyReport()
    const dirty = this.dirty
    this.dirty = new Set()
    try {
      // Once connected, live runs skip the handshake and the checkpoint read (a failure redoes them).
      if (!this.connected) {
        await this.client.connect()
        this.state.useRemote(this.client.dbUrl)
        this.connected = true
      }
      await this.commitLocal(dirty)
      await this.pull()
      await this.push()
    } catch (err) {
      this.connected = false
      this.checkpoint = null
      // What was being looked at is looked at again, all of it.
      this.dirty = null
      throw err
    }
    const moved = this.report.pulled + this.report.pushed + this.report.deleted > 0
    this.state.data.lastSync = {
      at: this.now().toISOString(),
      pulled: this.report.pulled,
      pushed: this.report.pushed,
    }
    if (moved || !this.savedOnce) await this.state.save()
    this.savedOnce = true
    return this.report
  }

  private connected = false
  private savedOnce = false
  /** The server's copy of our checkpoint: its `_rev`, and whether it matches ours. */
  private checkpoint: { rev?: string; resumable: boolean } | null = null

  /** Long-poll the server's changes: resolves when there is something new (or after `ms`). */
  async waitForRemote(ms: number, signal?: AbortSignal): Promise<boolean> {
    const page = await this.client.changes(this.state.data.since, {
      longpollMs: ms,
      limit: 1,
      signal,
    })
    return page.results.some(
      (row) => !row.changes.every((c) => this.state.known(row.id).has(c.rev)),
    )
  }

  // ---- local edits → revisions

  private async commitLocal(dirty: Set<ItemId> | null): Promise<void> {
    const docs = this.state.data.docs
    const now = this.now().toISOString()
    const present = new Set(this.target.ids())
    const look = dirty ? [...dirty] : [...present]
    for (let i = 0; i < look.length; i += 200) {
      const ids = look.slice(i, i + 200)
      const items = await this.target.get(ids.filter((id) => present.has(id)))
      const byId = new Map(items.map((it) => [it.id, it]))
      for (const id of ids) {
        const docId = ITEM_PREFIX + id
        const item = byId.get(id)
        const s = docs[docId]
        if (item) {
          const fp = itemFingerprint(item, s?.conflicts)
          if (!s || s.deleted || s.fp !== fp) this.newRevision(docId, fp, now)
        } else if (s && !s.deleted) this.newRevision(docId, 'deleted', now, true)
      }
    }
    if (!dirty) {
      for (const [docId, s] of Object.entries(docs)) {
        if (!docId.startsWith(ITEM_PREFIX) || s.deleted) continue
        if (!present.has(docId.slice(ITEM_PREFIX.length)))
          this.newRevision(docId, 'deleted', now, true)
      }
    }
    const settings = this.target.settings()
    for (const [key, value] of Object.entries(settings)) {
      if (!isSyncedSetting(key) || value === undefined) continue
      const docId = SETTING_PREFIX + key
      const fp = fingerprint(value)
      const s = docs[docId]
      if (!s || s.deleted || s.fp !== fp) this.newRevision(docId, fp, now)
    }
    if (this.revisionsMade > 0) await this.state.save()
    this.revisionsMade = 0
  }

  private revisionsMade = 0

  private newRevision(docId: string, fp: string, at: string, deleted = false): void {
    const s = this.state.data.docs[docId]
    const parent = s?.rev
    const rev = makeRev((parent ? Number.parseInt(parent, 10) : 0) + 1, parent ?? '', fp)
    this.revisionsMade++
    this.state.data.docs[docId] = {
      ...s,
      rev,
      history: boundHistory([rev, ...(s?.history ?? [])]),
      fp,
      pushed: false,
      deleted: deleted || undefined,
      updatedAt: at,
    }
  }

  // ---- pull

  private async pull(): Promise<void> {
    const data = this.state.data
    const checkpointId = `morgue-${data.replicationId}`
    if (!this.checkpoint) {
      const remote = await this.client.getLocal<{ since?: Seq; session?: string }>(checkpointId)
      // Resume from the checkpoint only when both sides hold the same one (as CouchDB does).
      const resumable = !!remote && !!data.session && remote.session === data.session
      if (!resumable && data.session) {
        // The server lost our checkpoint (a new or restored database): offer every revision again.
        for (const doc of Object.values(data.docs)) doc.pushed = false
      }
      this.checkpoint = { rev: remote?._rev, resumable }
    }
    let since: Seq = this.checkpoint.resumable ? data.since : 0
    let checkpointRev = this.checkpoint.rev
    let done = 0
    for (;;) {
      this.options.signal?.throwIfAborted()
      const page = await this.client.changes(since, {
        limit: this.batch,
        signal: this.options.signal,
      })
      if (page.results.length === 0) break
      const pending = (page as { pending?: number }).pending
      const wanted: { id: string; rev: string }[] = []
      for (const row of page.results) {
        if (!isOurDoc(row.id)) continue
        const known = this.state.known(row.id)
        for (const c of row.changes) if (!known.has(c.rev)) wanted.push({ id: row.id, rev: c.rev })
      }
      const fetched = await this.client.getRevisions(wanted, this.options.signal)
      const leaves = new Map<string, RemoteRevision[]>()
      for (const f of fetched) {
        if (!('ok' in f)) continue
        const parsed = parseRemoteDoc(f.ok)
        if (typeof parsed === 'string') {
          this.report.rejected.push({ id: String(f.ok._id ?? '?'), reason: parsed })
          continue
        }
        leaves.set(parsed.id, [...(leaves.get(parsed.id) ?? []), parsed])
      }
      await this.applyRemote(leaves)
      since = page.last_seq
      done += page.results.length
      this.options.onProgress?.({ phase: 'pull', done, total: done + (pending ?? 0) })
      // The checkpoint moves only once what it covers is durable here.
      data.since = since
      data.session = data.session || randomSession()
      await this.state.save()
      checkpointRev = await this.client.putLocal(checkpointId, {
        ...(checkpointRev ? { _rev: checkpointRev } : {}),
        since,
        session: data.session,
        at: this.now().toISOString(),
      })
      this.checkpoint = { rev: checkpointRev, resumable: true }
      if (page.results.length < this.batch) break
    }
  }

  private async applyRemote(leaves: Map<string, RemoteRevision[]>): Promise<void> {
    const now = this.now().toISOString()
    const puts: ArchiveItem[] = []
    const deletes: ItemId[] = []
    const settings: Record<string, unknown> = {}
    const docs = this.state.data.docs
    const itemIds = [...leaves.keys()]
      .filter((d) => d.startsWith(ITEM_PREFIX))
      .map((d) => d.slice(ITEM_PREFIX.length))
    const locals = new Map((await this.target.get(itemIds)).map((i) => [i.id, i]))

    for (const [docId, revs] of leaves) {
      const s = docs[docId]
      const remoteKnown = new Set(revs.flatMap((r) => r.history))
      const alive = revs
        .filter((r): r is Exclude<RemoteRevision, { kind: 'deleted' }> => r.kind !== 'deleted')
        .sort((a, b) => compareRevs(b.rev, a.rev))
      const seen = [...new Set([...(s?.seen ?? []), ...revs.map((r) => r.rev)])]
      // Our revision is a branch of its own when the server's revisions do not descend from it.
      const ours = s && !remoteKnown.has(s.rev) ? s : undefined
      const isItem = docId.startsWith(ITEM_PREFIX)
      const localItem = isItem ? locals.get(docId.slice(ITEM_PREFIX.length)) : undefined

      if (alive.length === 0) {
        // Deleted on the server.
        const tomb = revs.sort((a, b) => compareRevs(b.rev, a.rev))[0]
        if (ours && !ours.deleted) {
          // Deleted there, edited here: the edit is kept, and the conflict list says so.
          if (isItem && localItem) {
            const conflicts = addConflict(s?.conflicts, deleteKept(localItem.id, now))
            if (conflicts !== s?.conflicts) this.report.conflicts++
            docs[docId] = { ...ours, seen, conflicts }
            this.newRevision(docId, itemFingerprint(localItem, conflicts), now)
          } else docs[docId] = { ...ours, seen }
          continue
        }
        if (s && !s.deleted && isItem && localItem) {
          deletes.push(localItem.id)
          this.report.deleted++
        }
        docs[docId] = {
          rev: tomb.rev,
          history: boundHistory(tomb.history),
          fp: 'deleted',
          pushed: true,
          deleted: true,
          updatedAt: now,
          seen,
        }
        continue
      }

      // Several live branches on the server (desktops that wrote at once): merged in order.
      let head = alive[0]
      let merged: { value: ArchiveItem | unknown; conflicts?: ItemConflict[] } = {
        value: head.kind === 'item' ? head.item : head.value,
        conflicts: conflictsOf(head),
      }
      const branches: { rev: string; history: string[]; onServer: boolean }[] = []
      const sides = [...alive.slice(1)]
      let updatedAt = head.updatedAt
      let mergedAny = false
      const ourSide =
        ours && !ours.deleted
          ? isItem
            ? localItem && { item: localItem, state: ours }
            : { value: this.target.settings()[docId.slice(SETTING_PREFIX.length)], state: ours }
          : undefined

      let headOnServer = true
      const mergeIn = (other: {
        rev: string
        history: string[]
        updatedAt: string
        value: unknown
        conflicts?: ItemConflict[]
        onServer: boolean
      }) => {
        mergedAny = true
        if (isItem) {
          const r = mergeItems(
            {
              item: merged.value as ArchiveItem,
              rev: head.rev,
              updatedAt,
              conflicts: merged.conflicts,
            },
            {
              item: other.value as ArchiveItem,
              rev: other.rev,
              updatedAt: other.updatedAt,
              conflicts: other.conflicts,
            },
            s?.base,
            now,
          )
          this.report.conflicts += r.found
          merged = { value: r.item, conflicts: r.conflicts }
        } else {
          const newer = updatedAt >= other.updatedAt
          const key = docId.slice(SETTING_PREFIX.length)
          const { value, lost } = mergeSettingValues(
            key,
            newer ? merged.value : other.value,
            newer ? other.value : merged.value,
          )
          if (lost) this.recordSettingConflict(key, value, newer ? other.value : merged.value, now)
          merged = { value }
        }
        const otherWins = compareRevs(other.rev, head.rev) > 0
        if (otherWins) {
          branches.push({ rev: head.rev, history: head.history, onServer: headOnServer })
          head = { ...head, rev: other.rev, history: other.history }
          headOnServer = other.onServer
        } else branches.push({ rev: other.rev, history: other.history, onServer: other.onServer })
        if (other.updatedAt > updatedAt) updatedAt = other.updatedAt
      }
      for (const side of sides) {
        mergeIn({
          rev: side.rev,
          history: side.history,
          updatedAt: side.updatedAt,
          value: side.kind === 'item' ? side.item : side.value,
          conflicts: conflictsOf(side),
          onServer: true,
        })
      }
      if (ourSide) {
        // Our unsent revision and the server's live one are concurrent: merge them.
        mergeIn({
          rev: ourSide.state.rev,
          history: ourSide.state.history,
          updatedAt: ourSide.state.updatedAt,
          value: 'item' in ourSide ? ourSide.item : ourSide.value,
          conflicts: ourSide.state.conflicts,
          onServer: ourSide.state.pushed,
        })
      } else if (ours?.deleted && isItem) {
        // Deleted here, edited there: the edit is kept and the item comes back.
        const before = merged.conflicts
        merged.conflicts = addConflict(before, deleteKept(docId.slice(ITEM_PREFIX.length), now))
        if (merged.conflicts !== before) this.report.conflicts++
        mergedAny = true
      }

      const value = merged.value
      const fp = isItem
        ? itemFingerprint(value as ArchiveItem, merged.conflicts)
        : fingerprint(value)
      const base = isItem ? tagBaseOf(value as ArchiveItem) : undefined
      if (!mergedAny) {
        docs[docId] = {
          rev: head.rev,
          history: boundHistory(head.history),
          fp,
          pushed: true,
          updatedAt,
          base,
          seen,
          conflicts: merged.conflicts,
        }
      } else {
        // The merge continues the winning branch; the other branches are closed by tombstones.
        const rev = makeRev(
          Number.parseInt(head.rev, 10) + 1,
          [head.rev, ...branches.map((b) => b.rev)].sort().join(','),
          fp,
        )
        docs[docId] = {
          rev,
          history: boundHistory([rev, ...head.history]),
          fp,
          pushed: false,
          updatedAt: now,
          base: s?.base ?? base,
          seen: [...new Set([...seen, ...branches.map((b) => b.rev), ...(s ? [s.rev] : [])])],
          conflicts: merged.conflicts,
        }
        const tombs = (this.state.data.tombstones[docId] ??= [])
        for (const b of branches) {
          if (!b.onServer) continue // a branch only we had needs no closing
          const trev = makeRev(Number.parseInt(b.rev, 10) + 1, 'closed', b.rev)
          tombs.push({ rev: trev, history: boundHistory([trev, ...b.history]) })
        }
      }
      if (isItem) {
        const item = value as ArchiveItem
        if (
          !localItem ||
          itemFingerprint(localItem, s?.conflicts) !== itemFingerprint(item, s?.conflicts) ||
          ours?.deleted
        ) {
          puts.push(item)
        }
      } else {
        const key = docId.slice(SETTING_PREFIX.length)
        if (
          isSyncedSetting(key) &&
          canonicalJson(this.target.settings()[key]) !== canonicalJson(value)
        )
          settings[key] = value
      }
    }

    // Files first, so an item never points at a file this archive lacks.
    await this.fetchBlobs(puts)
    if (puts.length) await this.target.putItems(puts)
    if (deletes.length) await this.target.deleteItems(deletes)
    if (Object.keys(settings).length) await this.target.applySettings(settings)
    this.report.pulled += puts.length + Object.keys(settings).length
    // What we just stored must not count as a local edit on the next look.
    for (const item of puts) {
      const s = docs[ITEM_PREFIX + item.id]
      if (s) s.fp = itemFingerprint(item, s.conflicts)
    }
  }

  private recordSettingConflict(key: string, kept: unknown, other: unknown, at: string): void {
    const list = this.state.data.settingConflicts
    const id = fingerprint(['setting', key, kept, other]).slice(0, 8)
    if (list.some((c) => c.id === id)) return
    list.push({ id, key, kept: JSON.stringify(kept), other: JSON.stringify(other), at })
    this.report.conflicts++
  }

  private async fetchBlobs(items: readonly ArchiveItem[]): Promise<void> {
    const want = new Map<string, { mime: string; fileName?: string }>()
    for (const item of items)
      for (const { ref, original } of blobsOf(item))
        if (!original || this.options.downloadOriginals) want.set(ref.sha256, ref)
    for (const [sha, ref] of want) {
      if (await this.target.hasBlob(sha)) continue
      await fetchBlob(this.client, this.target, sha, ref.mime, ref.fileName, this.options.signal)
      this.report.blobs++
    }
  }

  // ---- push

  private async push(): Promise<void> {
    const data = this.state.data
    const pending = Object.entries(data.docs).filter(([, s]) => !s.pushed)
    const tombDocs = Object.keys(data.tombstones).filter((d) => data.tombstones[d].length)
    const total = pending.length
    let done = 0
    for (let i = 0; i < pending.length; i += this.batch) {
      this.options.signal?.throwIfAborted()
      const slice = pending.slice(i, i + this.batch)
      const diff = await this.client.revsDiff(
        Object.fromEntries(slice.map(([id, s]) => [id, [s.rev]])),
        this.options.signal,
      )
      const missing = slice.filter(([id, s]) => diff[id]?.missing.includes(s.rev))
      const itemIds = missing
        .filter(([id, s]) => id.startsWith(ITEM_PREFIX) && !s.deleted)
        .map(([id]) => id.slice(ITEM_PREFIX.length))
      const items = new Map((await this.target.get(itemIds)).map((it) => [it.id, it]))
      await this.pushBlobs([...items.values()])
      const settings = this.target.settings()
      const out: Record<string, unknown>[] = []
      for (const [docId, s] of missing) {
        const head = { _id: docId, _rev: s.rev, _revisions: revisionsOf(s.history) }
        if (s.deleted) out.push({ ...head, _deleted: true })
        else if (docId.startsWith(ITEM_PREFIX)) {
          const item = items.get(docId.slice(ITEM_PREFIX.length))
          if (!item) continue // deleted meanwhile: the next run sends the deletion
          out.push({
            ...head,
            type: 'item',
            v: DOC_VERSION,
            updatedAt: s.updatedAt,
            item,
            ...(s.conflicts?.length ? { conflicts: s.conflicts } : {}),
          })
        } else {
          const key = docId.slice(SETTING_PREFIX.length)
          out.push({
            ...head,
            type: 'setting',
            v: DOC_VERSION,
            updatedAt: s.updatedAt,
            key,
            value: settings[key],
          })
        }
      }
      const results = await this.client.bulkDocs(out, this.options.signal)
      const failed = results.find((r) => r.error)
      if (failed) {
        throw new SyncError(
          'server',
          `The server did not take ${failed.id}: ${failed.reason ?? failed.error}.`,
        )
      }
      for (const [docId, s] of slice) {
        s.pushed = true
        if (docId.startsWith(ITEM_PREFIX)) {
          const item = items.get(docId.slice(ITEM_PREFIX.length))
          if (item) s.base = tagBaseOf(item)
        }
      }
      this.report.pushed += out.length
      done += slice.length
      this.options.onProgress?.({ phase: 'push', done, total })
      await this.state.save()
    }
    if (tombDocs.length) {
      const out = tombDocs.flatMap((docId) =>
        data.tombstones[docId].map((t) => ({
          _id: docId,
          _rev: t.rev,
          _revisions: revisionsOf(t.history),
          _deleted: true,
        })),
      )
      await this.client.bulkDocs(out, this.options.signal)
      for (const docId of tombDocs) {
        const s = data.docs[docId]
        if (s)
          s.seen = [...new Set([...(s.seen ?? []), ...data.tombstones[docId].map((t) => t.rev)])]
        delete data.tombstones[docId]
      }
      await this.state.save()
    }
  }

  /** Send the files these items refer to that the server lacks (one fixed revision per file). */
  private async pushBlobs(items: readonly ArchiveItem[]): Promise<void> {
    const refs = new Map<string, { mime: string; fileName?: string; bytes: number }>()
    for (const item of items) for (const { ref } of blobsOf(item)) refs.set(ref.sha256, ref)
    if (refs.size === 0) return
    const diff = await this.client.revsDiff(
      Object.fromEntries([...refs.keys()].map((sha) => [BLOB_PREFIX + sha, [blobRev(sha)]])),
      this.options.signal,
    )
    let batch: Record<string, unknown>[] = []
    let bytes = 0
    const flush = async () => {
      if (batch.length) await this.client.bulkDocs(batch, this.options.signal)
      batch = []
      bytes = 0
    }
    for (const [sha, ref] of refs) {
      if (!diff[BLOB_PREFIX + sha]?.missing.length) continue
      if (!(await this.target.hasBlob(sha))) continue // on demand here too: whoever has it sends it
      const data = await this.target.readBlob(sha)
      const rev = blobRev(sha)
      batch.push({
        _id: BLOB_PREFIX + sha,
        _rev: rev,
        _revisions: revisionsOf([rev]),
        type: 'blob',
        mime: ref.mime,
        bytes: data.length,
        ...(ref.fileName ? { fileName: ref.fileName } : {}),
        _attachments: { data: { content_type: ref.mime, data: data.toString('base64') } },
      })
      bytes += data.length
      this.report.blobs++
      if (bytes >= BLOB_BATCH_BYTES) await flush()
    }
    await flush()
  }
}

/** Fetch one file from the server into the archive, checking it is the file named. */
export async function fetchBlob(
  client: CouchClient,
  target: SyncTarget,
  sha: string,
  mime: string,
  fileName?: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const bytes = await client.getAttachment(BLOB_PREFIX + sha, 'data', signal)
  if (!bytes) return false
  const got = createHash('sha256').update(bytes).digest('hex')
  if (got !== sha) {
    throw new SyncError(
      'invalid-document',
      `The server's copy of file ${sha.slice(0, 12)}… is damaged (its bytes do not match its name).`,
    )
  }
  await target.putBlob(bytes, mime, fileName)
  return true
}

function itemFingerprint(item: ArchiveItem, conflicts: ItemConflict[] | undefined): string {
  return fingerprint(conflicts?.length ? [item, conflicts] : item)
}

function conflictsOf(r: RemoteRevision): ItemConflict[] | undefined {
  return r.kind === 'item' ? r.conflicts : undefined
}

/** The same event seen from either desktop: an item deleted on one and edited on the other. */
function deleteKept(ref: string, at: string): Omit<ItemConflict, 'id'> {
  return {
    ref,
    field: 'deleted',
    kept: 'the edited item',
    other: 'deleted on one desktop while it was edited on another',
    at,
  }
}

/** The list with `c` added; the same list when an equal conflict (ref, field) is already there. */
function addConflict(
  list: ItemConflict[] | undefined,
  c: Omit<ItemConflict, 'id'>,
): ItemConflict[] | undefined {
  if (list?.some((x) => x.ref === c.ref && x.field === c.field && x.other === c.other)) return list
  const id = fingerprint([c.ref, c.field, c.kept, c.other, c.at]).slice(0, 8)
  return [...(list ?? []), { ...c, id }]
}

function isOurDoc(id: string): boolean {
  return id.startsWith(ITEM_PREFIX) || id.startsWith(SETTING_PREFIX)
}

function randomSession(): string {
  return createHash('sha1').update(`${Date.now()}-${Math.random()}`).digest('hex').slice(0, 16)
}

function emptyReport(): SyncReport {
  return { pulled: 0, pushed: 0, deleted: 0, blobs: 0, conflicts: 0, rejected: [] }
}
