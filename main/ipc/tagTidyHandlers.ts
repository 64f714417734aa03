import { randomBytes } from 'node:crypto'
import { ArchiveError } from '../core/archiveError'
import type { Archive } from '../core/archiveApi'
import type { DeletedTag } from '../core/model'
import type { ArchiveApi, Reply } from '../../preload/contract'

type TagTidyApi = Pick<ArchiveApi, 'deleteTag' | 'restoreTag' | 'unusedTags' | 'deleteUnusedTags'>

/** Tag deletions kept for Undo during the session, but not without bound. */
const MAX_UNDO = 50

/**
 * Deleting a tag with Undo, and the unused tags (arguments already checked by the guards).
 * The holders of a deleted tag stay here, behind a token, so Undo restores exactly them.
 */
export function tagTidyHandlers(
  archive: Archive,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
): TagTidyApi {
  const deleted = new Map<string, DeletedTag[]>()
  return {
    deleteTag: (tag) =>
      reply(async () => {
        const tags = await archive.deleteTagTree(tag)
        const undoToken = randomBytes(16).toString('hex')
        deleted.set(undoToken, tags)
        while (deleted.size > MAX_UNDO) deleted.delete(deleted.keys().next().value as string)
        const refs = new Set(tags.flatMap((t) => t.refs))
        const photos = [...refs].filter((r) => r.includes('/')).length
        return { undoToken, items: refs.size - photos, photos, tags: tags.length }
      }),
    restoreTag: (undoToken) =>
      reply(async () => {
        const entries = deleted.get(undoToken)
        if (!entries) throw new ArchiveError('This tag deletion can no longer be undone.')
        deleted.delete(undoToken)
        for (const entry of entries) await archive.restoreTag(entry)
      }),
    unusedTags: () => reply(() => archive.unusedTags()),
    deleteUnusedTags: (names) => reply(() => archive.deleteUnusedTags(names)),
  }
}
