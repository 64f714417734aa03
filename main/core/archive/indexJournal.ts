import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ItemId } from '../model'
import type { SearchEngine } from '../search/types'
import type { ItemStore } from '../storage/itemStore'
import { writeFileDurably } from '../storage/durableFile'

const FILE = 'index-pending.json'

/**
 * The ids whose index update may not be on disk yet. A write reaches the store first and the
 * index right after; an item is searchable before its index segment is written. A crash in
 * between would leave the index holding the old version of an edited item, and the count check
 * at open cannot see that. So the ids are written here, durably, before the store write, and
 * dropped once the index has written everything queued after them; at open, the ids still
 * here are indexed again from the store.
 */
export class IndexJournal {
  /** Id → saves of it not yet settled. */
  private readonly pending = new Map<ItemId, number>()
  private writing: Promise<void> = Promise.resolve()
  private dirty = false

  private constructor(
    private readonly dir: string,
    private readonly search: Pick<SearchEngine, 'idle'>,
  ) {}

  /**
   * Open the journal of an archive folder and replay it: what it lists is indexed again from
   * the store (and taken out of the index when the store no longer has it). Returns how many.
   */
  static async open(
    dir: string,
    store: Pick<ItemStore, 'getMany'>,
    search: Pick<SearchEngine, 'upsert' | 'remove' | 'idle'>,
  ): Promise<{ journal: IndexJournal; replayed: number }> {
    const journal = new IndexJournal(dir, search)
    const left = await readIds(join(dir, FILE))
    if (left.length > 0) {
      const items = await store.getMany(left)
      const found = new Set(items.map((i) => i.id))
      if (items.length) await search.upsert(items)
      const gone = left.filter((id) => !found.has(id))
      if (gone.length) await search.remove(gone)
      await search.idle()
      await journal.persist()
    }
    return { journal, replayed: left.length }
  }

  /** Before a store write: these ids are about to change (durable when it resolves). */
  async add(ids: readonly ItemId[]): Promise<void> {
    if (ids.length === 0) return
    for (const id of ids) this.pending.set(id, (this.pending.get(id) ?? 0) + 1)
    await this.persist()
  }

  /**
   * After the index call for `ids` returned: once the index has written what is queued (its
   * segments and manifest), they leave the journal. Never throws: a failed index write keeps
   * them for the next open.
   */
  settle(ids: readonly ItemId[]): void {
    if (ids.length === 0) return
    void this.search
      .idle()
      .then(async () => {
        for (const id of ids) {
          const n = (this.pending.get(id) ?? 1) - 1
          if (n > 0) this.pending.set(id, n)
          else this.pending.delete(id)
        }
        await this.persist()
      })
      .catch(() => undefined)
  }

  /** Wait until every settled id has left the file (tests, close). */
  async flush(): Promise<void> {
    await this.search.idle()
    await this.writing
  }

  /** Write the pending ids; writes coalesce, each resolves once the state it saw is on disk. */
  private persist(): Promise<void> {
    this.dirty = true
    const run = this.writing.then(async () => {
      if (!this.dirty) return
      this.dirty = false
      await mkdir(join(this.dir, 'tmp'), { recursive: true })
      await writeFileDurably(join(this.dir, FILE), JSON.stringify([...this.pending.keys()]), {
        tmpDir: join(this.dir, 'tmp'),
      })
    })
    this.writing = run.catch(() => undefined)
    return run
  }
}

async function readIds(file: string): Promise<ItemId[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []
  } catch {
    // Missing (nothing pending) or torn by a crash before its rename: durable writes never tear.
    return []
  }
}
