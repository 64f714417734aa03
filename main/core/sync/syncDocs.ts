import { z } from 'zod'
import type { ArchiveItem, BlobRef } from '../model'
import type { ItemConflict } from './types'

/**
 * What Morgue writes to the desk's CouchDB: one document per item (`item:<id>`, the whole item
 * inline), one per setting key (`setting:<key>`), and one per file (`blob:<sha256>`, the bytes
 * as its `data` attachment, written once: files are content-addressed and never change).
 */
export const ITEM_PREFIX = 'item:'
export const SETTING_PREFIX = 'setting:'
export const BLOB_PREFIX = 'blob:'
export const DOC_VERSION = 1

const sha = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')
const iso = z.string().min(4).max(40)

const blobRef = z.looseObject({
  sha256: sha,
  mime: z.string().max(200),
  bytes: z.number().int().nonnegative(),
  fileName: z.string().max(1000).optional(),
})

const credit = z.looseObject({
  raw: z.string(),
  photographer: z.string().nullable(),
  agency: z.string().nullable(),
  agencies: z.array(z.string()),
  agencyIds: z.array(z.string()),
})

const photo = z.looseObject({
  id: z.string().min(1).max(100),
  caption: z.string(),
  credit: credit.nullable(),
  image: blobRef.optional(),
  thumbnail: blobRef.optional(),
  tags: z.array(z.string()).optional(),
  edited: z
    .looseObject({ at: iso, fields: z.array(z.string()), original: z.looseObject({}) })
    .optional(),
})

const base = {
  id: z.string().regex(/^[0-9a-f]{16}$/, '16 hex characters'),
  title: z.string(),
  tags: z.array(z.string().max(200)),
  archivedAt: iso,
  publishedAt: iso.optional(),
  contentHash: z.string().min(1).max(200),
  notes: z.string().optional(),
}

const article = z.looseObject({
  ...base,
  kind: z.literal('article'),
  body: z.array(z.string()),
  photos: z.array(photo),
  snapshot: blobRef.optional(),
  versions: z
    .array(z.looseObject({ content: blobRef, files: z.array(blobRef), capturedAt: iso }))
    .optional(),
})

const photoItem = z.looseObject({ ...base, kind: z.literal('photo'), photo })

export const itemSchema = z.discriminatedUnion('kind', [article, photoItem])

const revisions = z.object({
  start: z.number().int().positive(),
  ids: z.array(z.string().min(1)).min(1),
})

const docBase = {
  _id: z.string(),
  _rev: z.string().regex(/^\d+-.+$/, 'a revision like 3-abc'),
  _revisions: revisions,
}

export const itemDocSchema = z.looseObject({
  ...docBase,
  type: z.literal('item'),
  v: z.number().int(),
  updatedAt: iso,
  item: itemSchema,
  conflicts: z
    .array(
      z.object({
        id: z.string().max(40),
        ref: z.string().max(200),
        field: z.enum(['caption', 'credit', 'notes', 'deleted']),
        kept: z.string(),
        other: z.string(),
        otherData: z.unknown().optional(),
        at: iso,
      }),
    )
    .optional(),
})

export const settingDocSchema = z.looseObject({
  ...docBase,
  type: z.literal('setting'),
  v: z.number().int(),
  updatedAt: iso,
  key: z.string().min(1).max(100),
  value: z.unknown(),
})

export const deletedDocSchema = z.looseObject({ ...docBase, _deleted: z.literal(true) })

export type Revisions = z.infer<typeof revisions>

/** A revision of one of our documents as the server sent it, checked. */
export type RemoteRevision =
  | {
      kind: 'item'
      id: string
      rev: string
      history: string[]
      updatedAt: string
      item: ArchiveItem
      conflicts?: ItemConflict[]
    }
  | {
      kind: 'setting'
      id: string
      rev: string
      history: string[]
      updatedAt: string
      key: string
      value: unknown
    }
  | { kind: 'deleted'; id: string; rev: string; history: string[] }

/** Full revision strings from `_revisions` (newest first): `{start: 3, ids: [c, b]}` → 3-c, 2-b. */
export function historyOf(r: Revisions): string[] {
  return r.ids.map((id, i) => `${r.start - i}-${id}`)
}

/** `_revisions` for a history (newest first, consecutive generations). */
export function revisionsOf(history: readonly string[]): Revisions {
  return {
    start: revGeneration(history[0]),
    ids: history.map((r) => r.slice(r.indexOf('-') + 1)),
  }
}

export function revGeneration(rev: string): number {
  return Number.parseInt(rev, 10)
}

/**
 * Check a document from the server before anything of it reaches the archive. Returns the
 * revision, or a sentence saying what is wrong with it.
 */
export function parseRemoteDoc(raw: Record<string, unknown>): RemoteRevision | string {
  const id = typeof raw._id === 'string' ? raw._id : '(no _id)'
  if (raw._deleted === true) {
    const d = deletedDocSchema.safeParse(raw)
    if (!d.success) return `${id}: ${firstIssue(d.error)}`
    return { kind: 'deleted', id, rev: d.data._rev, history: historyOf(d.data._revisions) }
  }
  if (id.startsWith(ITEM_PREFIX)) {
    const d = itemDocSchema.safeParse(raw)
    if (!d.success) return `${id}: ${firstIssue(d.error)}`
    if (d.data.item.id !== id.slice(ITEM_PREFIX.length))
      return `${id}: its item has another id (${d.data.item.id})`
    return {
      kind: 'item',
      id,
      rev: d.data._rev,
      history: historyOf(d.data._revisions),
      updatedAt: d.data.updatedAt,
      item: d.data.item as unknown as ArchiveItem,
      conflicts: d.data.conflicts,
    }
  }
  if (id.startsWith(SETTING_PREFIX)) {
    const d = settingDocSchema.safeParse(raw)
    if (!d.success) return `${id}: ${firstIssue(d.error)}`
    if (d.data.key !== id.slice(SETTING_PREFIX.length)) return `${id}: its key is ${d.data.key}`
    return {
      kind: 'setting',
      id,
      rev: d.data._rev,
      history: historyOf(d.data._revisions),
      updatedAt: d.data.updatedAt,
      key: d.data.key,
      value: d.data.value,
    }
  }
  return `${id}: not a Morgue document`
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  const path = issue.path.join('.')
  return `${path ? `${path}: ` : ''}${issue.message}`
}

/** Every file an item refers to: photos, thumbnails, the page snapshot, earlier versions. */
export function blobsOf(item: ArchiveItem): { ref: BlobRef; original: boolean }[] {
  const out: { ref: BlobRef; original: boolean }[] = []
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  for (const p of photos) {
    if (p.thumbnail) out.push({ ref: p.thumbnail, original: false })
    if (p.image) out.push({ ref: p.image, original: true })
  }
  if (item.kind === 'article') {
    if (item.snapshot) out.push({ ref: item.snapshot, original: true })
    for (const v of item.versions ?? []) {
      out.push({ ref: v.content, original: false })
      for (const f of v.files) out.push({ ref: f, original: true })
    }
  }
  return out
}

/** Blob docs never change: one fixed revision, so `_revs_diff` says at once whether one is there. */
export function blobRev(sha256: string): string {
  return `1-${sha256.slice(0, 32)}`
}
