import { randomBytes } from 'node:crypto'
import { ArchiveError } from '../core/archiveError'
import type { Archive } from '../core/archiveApi'
import type { DeletedTag } from '../core/model'
import { tagKey } from '../core/tags'
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
  const deleted = new Map<string, DeletedTag>()
  return {
    deleteTag: (tag) =>
      reply(async () => {
        const color = archive.settings().tagColors[tagKey(tag)]
        const refs = await archive.deleteTag(tag)
        const undoToken = randomBytes(16).toString('hex')
        deleted.set(undoToken, color ? { tag, refs, color } : { tag, refs })
        while (deleted.size > MAX_UNDO) deleted.delete(deleted.keys().next().value as string)
        const photos = refs.filter((r) => r.includes('/')).length
        return { undoToken, items: refs.length - photos, photos }
      }),
    restoreTag: (undoToken) =>
      reply(async () => {
        const entry = deleted.get(undoToken)
        if (!entry) throw new ArchiveError('This tag deletion can no longer be undone.')
        deleted.delete(undoToken)
        await archive.restoreTag(entry)
      }),
    unusedTags: () => reply(() => archive.unusedTags()),
    deleteUnusedTags: (names) => reply(() => archive.deleteUnusedTags(names)),
  }
}
