import type { ArchiveItem, Photo } from '../model'
import { tagKey } from '../tags'
import { compareRevs, fingerprint } from './fingerprint'
import type { TagBase } from './syncState'
import type { ItemConflict } from './types'

/** One side of a merge: an item at a revision, written at `updatedAt`. */
export interface MergeSide {
  item: ArchiveItem
  rev: string
  updatedAt: string
  conflicts?: ItemConflict[]
}

export interface MergeResult {
  item: ArchiveItem
  /** The side whose revision the merge continues (CouchDB's winner of the two). */
  winner: MergeSide
  conflicts: ItemConflict[]
  /** Conflicts new in this merge. */
  found: number
}

/**
 * Merge two concurrent versions of an item. The result does not depend on which side is local,
 * so two desktops merging the same pair agree:
 * - tags (the item's and each photo's) merge three-way against the tags both last shared: an
 *   addition on either side stays, a removal on one side sticks unless the other added it;
 * - a photo's caption and credit: the later correction (`Photo.edited.at`) wins;
 * - everything else: the side written last wins;
 * - a caption, credit or note that differed and lost is kept as a conflict for a person.
 */
export function mergeItems(
  a: MergeSide,
  b: MergeSide,
  base: TagBase | undefined,
  at: string,
): MergeResult {
  const [winner, loser] = newerFirst(a, b)
  const w = winner.item
  const l = loser.item
  const conflicts = [...(winner.conflicts ?? [])]
  const seen = new Set(conflicts.map((c) => c.id))
  for (const c of loser.conflicts ?? []) {
    if (seen.has(c.id)) continue
    conflicts.push(c)
    seen.add(c.id)
  }
  let found = 0
  const record = (c: Omit<ItemConflict, 'id' | 'at'>) => {
    const id = fingerprint([c.ref, c.field, c.kept, c.other]).slice(0, 8)
    if (seen.has(id)) return
    seen.add(id)
    conflicts.push({ ...c, id, at })
    found++
  }

  const tags = mergeTags(base?.[''], w.tags, l.tags)
  let item: ArchiveItem
  if (w.kind === 'article') {
    const others = new Map((l.kind === 'article' ? l.photos : []).map((p) => [p.id, p]))
    const photos = w.photos.map((p) => {
      const o = others.get(p.id)
      return o ? mergePhoto(`${w.id}/${p.id}`, p, o, base?.[p.id], record) : p
    })
    item = { ...w, tags, photos }
  } else {
    const photo =
      l.kind === 'photo' ? mergePhoto(w.id, w.photo, l.photo, undefined, record) : w.photo
    item = { ...w, tags, photo }
  }
  if ((l.notes ?? '') !== (w.notes ?? '') && (l.notes ?? '').trim()) {
    record({ ref: w.id, field: 'notes', kept: w.notes ?? '', other: l.notes ?? '' })
  }
  return { item, winner, conflicts, found }
}

/** The side written last first; equal times: CouchDB's winning revision first. */
function newerFirst(a: MergeSide, b: MergeSide): [MergeSide, MergeSide] {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? [a, b] : [b, a]
  return compareRevs(a.rev, b.rev) >= 0 ? [a, b] : [b, a]
}

function mergePhoto(
  ref: string,
  a: Photo,
  b: Photo,
  baseTags: string[] | undefined,
  record: (c: Omit<ItemConflict, 'id' | 'at'>) => void,
): Photo {
  // `a` belongs to the side written last; the later correction of this photo wins.
  const aAt = a.edited?.at ?? ''
  const bAt = b.edited?.at ?? ''
  const [win, lose] = bAt > aAt ? [b, a] : [a, b]
  const out: Photo = { ...win }
  const tags = a.tags || b.tags ? mergeTags(baseTags, a.tags ?? [], b.tags ?? []) : undefined
  if (tags) out.tags = tags
  else delete out.tags
  if (win.caption !== lose.caption) {
    record({ ref, field: 'caption', kept: win.caption, other: lose.caption })
  }
  const credit = (p: Photo) => (p.credit ? creditText(p) : '')
  if (credit(win) !== credit(lose)) {
    record({ ref, field: 'credit', kept: credit(win), other: credit(lose), otherData: lose.credit })
  }
  return out
}

/** A credit as the conflict list shows it: the person's fields, else the raw text. */
export function creditText(p: Photo): string {
  const c = p.credit
  if (!c) return ''
  const who = [c.photographer, c.agency].filter(Boolean).join(' / ')
  const via = c.via?.length ? ` via ${c.via.join(', ')}` : ''
  const forWhom = c.for ? ` for ${c.for}` : ''
  return who ? `${who}${via}${forWhom}` : c.raw
}

/**
 * Three-way merge of tag lists by identity: kept when on both sides, or added on one side since
 * `base`; without a base (never shared), the union. Order: the first list's, then the second's.
 */
export function mergeTags(base: string[] | undefined, a: string[], b: string[]): string[] {
  const baseKeys = base ? new Set(base.map(tagKey)) : null
  const aKeys = new Set(a.map(tagKey))
  const bKeys = new Set(b.map(tagKey))
  const out: string[] = []
  const taken = new Set<string>()
  for (const t of [...a, ...b]) {
    const k = tagKey(t)
    if (taken.has(k)) continue
    const inBoth = aKeys.has(k) && bKeys.has(k)
    const added = !baseKeys || !baseKeys.has(k)
    if (inBoth || added) {
      out.push(t)
      taken.add(k)
    }
  }
  return out
}

/** The tags of an item as a merge base: its own under '', each photo's under its id. */
export function tagBaseOf(item: ArchiveItem): TagBase {
  const base: TagBase = { '': [...item.tags] }
  const photos = item.kind === 'article' ? item.photos : []
  for (const p of photos) if (p.tags) base[p.id] = [...p.tags]
  return base
}
