import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { Article, ItemId } from '../model'
import { diffVersionContents, listVersions, readVersion } from '../versions/storyVersions'
import type { ArchiveContext } from './context'

export type VersionMethods = Pick<Archive, 'versions' | 'readVersion' | 'diffVersions'>

/** A story's versions (captures of its URL with other content): list, read, diff. */
export function createVersionMethods(ctx: ArchiveContext): VersionMethods {
  const { store, mustGet } = ctx

  async function mustGetStory(id: ItemId): Promise<Article> {
    const item = await mustGet(id)
    if (item.kind !== 'article')
      throw new ArchiveError(`${id} is a photo: only stories have versions.`)
    return item
  }

  function versionNumber(story: Article, n: number | undefined, fallback: number): number {
    const count = (story.versions?.length ?? 0) + 1
    const v = n ?? fallback
    if (!Number.isInteger(v) || v < 1 || v > count) {
      throw new ArchiveError(
        `${story.id} has ${count} version${count === 1 ? '' : 's'}: there is no version ${v}.`,
      )
    }
    return v
  }

  return {
    async versions(id) {
      return listVersions(await mustGetStory(id))
    },

    async readVersion(id, index) {
      const story = await mustGetStory(id)
      return readVersion(story, versionNumber(story, index, 1), (sha) => store.readBlob(sha))
    },

    async diffVersions(id, from, to) {
      const story = await mustGetStory(id)
      const count = (story.versions?.length ?? 0) + 1
      const b = versionNumber(story, to, count)
      const a = versionNumber(story, from, Math.max(1, b - 1))
      const read = (n: number) => readVersion(story, n, (sha) => store.readBlob(sha))
      const infos = listVersions(story)
      return diffVersionContents(await read(a), await read(b), infos[a - 1], infos[b - 1])
    },
  }
}
