import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { Credit } from '../model'
import { ITEM_PREFIX } from './syncDocs'
import type { SyncStateStore } from './syncState'
import type { ConflictInfo } from './types'

/** Every conflict waiting for a person: edits that lost "newest wins", deletes that gave way. */
export function listConflicts(archive: Archive, state: SyncStateStore): ConflictInfo[] {
  const titles = new Map(archive.list().items.map((s) => [s.id, s.title]))
  const out: ConflictInfo[] = []
  for (const [docId, doc] of Object.entries(state.data.docs)) {
    if (!docId.startsWith(ITEM_PREFIX)) continue
    for (const c of doc.conflicts ?? []) {
      const itemId = c.ref.split('/')[0]
      out.push({
        id: c.id,
        kind: 'item',
        ref: c.ref,
        title: titles.get(itemId) ?? itemId,
        field: c.field,
        kept: c.kept,
        other: c.other,
        at: c.at,
      })
    }
  }
  for (const c of state.data.settingConflicts) {
    out.push({
      id: c.id,
      kind: 'setting',
      ref: c.key,
      title: `Setting “${c.key}”`,
      field: c.key,
      kept: c.kept,
      other: c.other,
      at: c.at,
    })
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id))
}

/**
 * Settle a conflict: `kept` leaves the archive as it is, `other` puts the other side's value in
 * (a caption, a credit, a note; for a delete, deletes the item). Either way the conflict is
 * gone, and the next sync tells the other desktops.
 */
export async function pickConflict(
  archive: Archive,
  state: SyncStateStore,
  id: string,
  side: 'kept' | 'other',
  markDirty: (ids: string[]) => void = () => undefined,
): Promise<ConflictInfo> {
  const info = listConflicts(archive, state).find((c) => c.id === id)
  if (!info) throw new ArchiveError(`No conflict ${id}: \`morgue conflicts\` lists them.`)
  if (info.kind === 'setting') {
    const c = state.data.settingConflicts.find((x) => x.id === id)!
    state.data.settingConflicts = state.data.settingConflicts.filter((x) => x.id !== id)
    await state.save()
    if (side === 'other') await archive.applySettings({ [c.key]: JSON.parse(c.other) })
    return info
  }
  const itemId = info.ref.split('/')[0]
  const doc = state.data.docs[ITEM_PREFIX + itemId]
  const conflict = doc.conflicts!.find((c) => c.id === id)!
  doc.conflicts = doc.conflicts!.filter((c) => c.id !== id)
  if (doc.conflicts.length === 0) delete doc.conflicts
  await state.save()
  markDirty([itemId])
  if (side === 'kept') {
    // The conflict list travels with the item: the item is sent again without it.
    doc.fp = ''
    await state.save()
    return info
  }
  switch (conflict.field) {
    case 'caption':
      await archive.editPhoto(conflict.ref, { caption: conflict.other })
      break
    case 'credit': {
      const credit = conflict.otherData as Credit | null | undefined
      await archive.editPhoto(conflict.ref, {
        photographers: credit?.photographer ? credit.photographer.split('; ') : [],
        agency: credit?.agency ?? null,
        via: credit?.via ?? [],
        for: credit?.for ?? null,
      })
      break
    }
    case 'notes':
      await archive.setNotes(itemId, conflict.other)
      break
    case 'deleted':
      await archive.delete([itemId])
      break
  }
  return info
}
