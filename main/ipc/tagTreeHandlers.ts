import { randomBytes } from 'node:crypto'
import { ArchiveError } from '../core/archiveError'
import type { Archive } from '../core/archiveApi'
import type { BulkTagProgress, TagChange } from '../core/tagTree/bulkTags'
import type { ArchiveApi, Reply } from '../../preload/contract'

type TagTreeApi = Pick<ArchiveApi, 'tagTree' | 'bulkTag' | 'undoBulkTag' | 'cancelBulkTag'>

/** Bulk changes kept for undo in a session (each holds its refs: ~20 bytes a row). */
const MAX_UNDO = 20

/**
 * The tag tree's and bulk tagging's calls (arguments already checked by the guards). Holds the
 * session's bulk undo buffer and the one running bulk change, whose progress goes to `progress`.
 */
export function tagTreeHandlers(
  archive: Archive,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
  progress: (p: BulkTagProgress) => void,
): TagTreeApi {
  const undo = new Map<string, TagChange>()
  let running: AbortController | null = null

  async function exclusive<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (running) throw new ArchiveError('Tags are being changed on many items; wait or cancel.')
    const controller = new AbortController()
    running = controller
    try {
      return await run(controller.signal)
    } finally {
      running = null
    }
  }

  const count = (entries: TagChange['added']) => entries.reduce((n, e) => n + e.refs.length, 0)

  return {
    tagTree: () => reply(() => archive.tagTree()),
    bulkTag: (request) =>
      reply(() =>
        exclusive(async (signal) => {
          const result = await archive.bulkTag(request, { signal, onProgress: progress })
          const undoToken = randomBytes(16).toString('hex')
          undo.set(undoToken, result.change)
          while (undo.size > MAX_UNDO) undo.delete(undo.keys().next().value as string)
          return {
            undoToken,
            targets: result.targets,
            items: result.items,
            added: count(result.change.added),
            removed: count(result.change.removed),
            cancelled: result.cancelled,
          }
        }),
      ),
    undoBulkTag: (undoToken) =>
      reply(() =>
        exclusive(async () => {
          const change = undo.get(undoToken)
          if (!change) throw new ArchiveError('This change can no longer be undone.')
          undo.delete(undoToken)
          return archive.undoTagChange(change, { onProgress: progress })
        }),
      ),
    cancelBulkTag: () =>
      reply(() => {
        running?.abort()
        return running !== null
      }),
  }
}
