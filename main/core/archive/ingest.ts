import { reparseItemCredits } from '../agencyTable'
import type { ImportOptions } from '../archiveApi'
import { contentHash } from '../contentHash'
import { userAgencies } from '../credits/agencyLookup'
import type { Article, ArchiveItem, ImportOutcome, ItemDraft, ItemId } from '../model'
import { addStoryVersion } from '../versions/storyVersions'
import { storyUrlKey } from '../versions/storyUrlKey'
import type { ArchiveContext } from './context'
import type { PendingBatch } from './importBatch'
import { dedupeTags } from './tagTable'

/** Turn a file's drafts into archived items (see `createIngest`). */
export type Ingest = (
  source: string,
  drafts: ItemDraft[],
  options: ImportOptions,
  batch?: PendingBatch,
) => Promise<ImportOutcome>

/**
 * Turn drafts into items. A file either lands whole or not at all: its items are saved in one
 * write, at once or (during a bulk import) with the pending batch. Duplicates (same content
 * hash, already archived, pending, or earlier in the same file) are skipped.
 */
export function createIngest(ctx: ArchiveContext): Ingest {
  const { store, save, stories, now, newId, tagTable } = ctx

  function toItem(draft: ItemDraft, extraTags: readonly string[]): ArchiveItem {
    const tags = dedupeTags([...(draft.tags ?? []), ...extraTags].map(tagTable.displayLenient))
    const base = {
      ...draft,
      id: draft.id ?? newId(),
      archivedAt: draft.archivedAt ?? now().toISOString(),
      contentHash: contentHash(draft),
      tags,
    }
    return base as ArchiveItem
  }

  /**
   * Split new items into those that start a story and new captures of stories already archived
   * (or pending in this batch) under the same URL, which become those stories' newest versions.
   */
  async function splitNewVersions(
    items: ArchiveItem[],
    batch?: PendingBatch,
  ): Promise<{ created: ArchiveItem[]; versioned: Article[] }> {
    const created: ArchiveItem[] = []
    const versioned: Article[] = []
    for (const item of items) {
      const key = item.kind === 'article' ? storyUrlKey(item.canonicalUrl ?? item.url) : null
      const storyId = key ? stories.find(key) : undefined
      const story =
        storyId === undefined
          ? undefined
          : (versioned.find((v) => v.id === storyId) ??
            batch?.items.find((i) => i.id === storyId) ??
            (await store.get(storyId)))
      if (item.kind !== 'article' || story?.kind !== 'article') {
        created.push(item)
        continue
      }
      const next = await addStoryVersion(story, item, now().toISOString(), (bytes, mime) =>
        store.putBlob(bytes, mime),
      )
      const at = versioned.findIndex((v) => v.id === next.id)
      if (at >= 0) versioned[at] = next
      else versioned.push(next)
    }
    return { created, versioned }
  }

  return async function ingest(source, drafts, options, batch) {
    if (drafts.length === 0) {
      return { source, status: 'failed', ids: [], reason: `Nothing to import in ${source}.` }
    }
    const fresh: ArchiveItem[] = []
    const restored: ArchiveItem[] = []
    const existing: ItemId[] = []
    const seen = new Set<string>()
    for (const draft of drafts) {
      const parsed = toItem(draft, options.tags ?? [])
      // Workers parse with the built-in agency table; the user's entries are applied here.
      const item = userAgencies().length > 0 ? (reparseItemCredits(parsed) ?? parsed) : parsed
      const dup = store.idByHash(item.contentHash) ?? batch?.hashes.get(item.contentHash)
      if (dup) existing.push(dup)
      else if (draft.id && (store.summary(draft.id) || batch?.ids.has(draft.id)))
        existing.push(draft.id)
      else if (!seen.has(item.contentHash)) {
        seen.add(item.contentHash)
        // Items of our own export keep their identity (and versions): they never merge.
        ;(draft.id ? restored : fresh).push(item)
      }
    }
    // A new capture of an archived story (same URL, other content) becomes its newest version.
    const split = await splitNewVersions(fresh, batch)
    const created = [...restored, ...split.created]
    const { versioned } = split
    if (created.length + versioned.length === 0) {
      return { source, status: 'duplicate', ids: existing }
    }
    const outcome: ImportOutcome = {
      source,
      status: 'imported',
      ids: [...created, ...versioned].map((i) => i.id),
    }
    if (versioned.length === 1 && created.length === 0) {
      outcome.version = (versioned[0].versions?.length ?? 0) + 1
    }
    const missing = [...created, ...versioned].flatMap((i) =>
      i.kind === 'article' ? (i.missingImages ?? []) : [],
    )
    if (missing.length) outcome.missingImages = missing
    if (!batch) {
      await save([...created, ...versioned])
      return outcome
    }
    for (const item of versioned) {
      const pending = batch.items.findIndex((i) => i.id === item.id)
      if (pending >= 0) batch.items[pending] = item
      else batch.items.push(item)
      batch.hashes.set(item.contentHash, item.id)
      batch.ids.add(item.id)
    }
    for (const item of created) {
      batch.items.push(item)
      batch.hashes.set(item.contentHash, item.id)
      batch.ids.add(item.id)
      stories.pending(item)
    }
    batch.outcomes.push(outcome)
    return outcome
  }
}
