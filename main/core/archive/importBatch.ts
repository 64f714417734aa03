import type { ArchiveItem, ImportOutcome, ItemId } from '../model'

/** Items of a bulk import not yet written, with what is needed to spot duplicates among them. */
export interface PendingBatch {
  items: ArchiveItem[]
  hashes: Map<string, ItemId>
  ids: Set<ItemId>
  outcomes: ImportOutcome[]
  started: number
}

/** A bulk import writes its pending items at this many, or after this long. */
export const BATCH_ITEMS = 200
export const BATCH_MS = 1000
/** Files of a bulk import being parsed at once (the one ingested next and those after it). */
export const PARSE_AHEAD = 3

export function emptyBatch(): PendingBatch {
  return { items: [], hashes: new Map(), ids: new Set(), outcomes: [], started: Date.now() }
}

export function batchIsDue(batch: PendingBatch): boolean {
  return batch.items.length >= BATCH_ITEMS || Date.now() - batch.started >= BATCH_MS
}

/** Write a bulk import's pending items; if that fails, their files are reported as failed. */
export async function flushBatch(
  batch: PendingBatch,
  save: (items: ArchiveItem[]) => Promise<void>,
): Promise<void> {
  if (batch.items.length > 0) {
    try {
      await save(batch.items)
    } catch (err) {
      const reason = `Could not be saved: ${err instanceof Error ? err.message : String(err)}`
      for (const o of batch.outcomes) Object.assign(o, { status: 'failed', ids: [], reason })
    }
  }
  Object.assign(batch, emptyBatch())
}
