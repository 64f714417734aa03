import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { QueryProblemError } from '../../main/core/search/savedQuery'
import { parseTagColor } from '../../main/core/tagPalette'
import { TAG_SWATCHES } from '../../renderer/src/features/tags/tagPalette'
import { TAG_PALETTE } from '../../main/core/tagPalette'
import { seedFile, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
let archive: Archive

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
})
afterEach(async () => {
  await archive.close()
  await cleanup()
})

async function story(title: string): Promise<string> {
  const r = await archive.importText(`${title}\n\nA body long enough to be an article: ${title}.`)
  return r.outcomes[0].ids[0]
}

describe('tag colours', () => {
  it('reads palette names, #rgb and #rrggbb, and none; refuses anything else', () => {
    expect(parseTagColor('red')).toEqual({ color: '#c0392b' })
    expect(parseTagColor('Gray')).toEqual({ color: '#7f8c8d' })
    expect(parseTagColor('#C39')).toEqual({ color: '#cc3399' })
    expect(parseTagColor('27ae60')).toEqual({ color: '#27ae60' })
    expect(parseTagColor('none')).toEqual({ color: null })
    expect(parseTagColor('reddish')).toHaveProperty('problem')
    expect(parseTagColor('#12345')).toHaveProperty('problem')
    expect(parseTagColor('red; background: url(x)')).toHaveProperty('problem')
  })

  it('the app offers the palette the CLI names', () => {
    expect(TAG_SWATCHES).toEqual(TAG_PALETTE)
  })
})

describe('deleting a tag everywhere', () => {
  it('takes it off items and photos, forgets its colour, and restoreTag puts back exactly that', async () => {
    const a = await story('Raqqa dispatch')
    const b = await story('Mosul dispatch')
    const c = await story('Erbil dispatch')
    const seed = await archive.importPaths([seedFile])
    const photoItem = seed.outcomes[0].ids[0]
    await archive.addTags([a, b, `${photoItem}/p0`], ['Syria'])
    await archive.addTags([c], ['Iraq'])
    await archive.setTagColor('syria', '#c0392b')
    expect(archive.tags().find((t) => t.name === 'Syria')).toEqual({
      name: 'Syria',
      count: 3,
      photos: 1,
      color: '#c0392b',
    })

    const refs = await archive.deleteTag('SYRIA')
    expect(refs.sort()).toEqual([a, b, `${photoItem}/p0`].sort())
    expect(archive.tags().map((t) => t.name)).toEqual(['Iraq'])
    expect(archive.settings().tagColors).toEqual({})
    expect(archive.unusedTags()).toEqual([])
    expect((await archive.search('tag:syria')).total).toBe(0)

    await archive.restoreTag({ tag: 'Syria', refs, color: '#c0392b' })
    expect(archive.tags().find((t) => t.name === 'Syria')).toEqual({
      name: 'Syria',
      count: 3,
      photos: 1,
      color: '#c0392b',
    })
    expect((await archive.get(c))?.tags).toEqual(['Iraq'])
    expect((await archive.photo(`${photoItem}/p0`))?.tags).toEqual(['Syria'])
    expect((await archive.search('tag:syria')).total).toBeGreaterThanOrEqual(2)
  })

  it('undo skips items deleted since', async () => {
    const a = await story('Raqqa dispatch')
    const b = await story('Mosul dispatch')
    await archive.addTags([a, b], ['Syria'])
    const refs = await archive.deleteTag('Syria')
    await archive.delete([b])
    await archive.restoreTag({ tag: 'Syria', refs })
    expect(archive.tags()).toEqual([{ name: 'Syria', count: 1 }])
  })
})

describe('unused tags', () => {
  it('lists coloured tags on no item and tags taken off their last item, and deletes them', async () => {
    const a = await story('Raqqa dispatch')
    const b = await story('Mosul dispatch')
    await archive.addTags([a], ['Syria', 'Kurds'])
    await archive.addTags([b], ['Iraq'])
    await archive.setTagColor('Elections', '#2980b9')
    await archive.setTagColor('Kurds', '#27ae60')
    expect(archive.unusedTags()).toEqual([
      { name: 'elections', color: '#2980b9', reasons: ['color'] },
    ])

    await archive.removeTags([a], ['Kurds'])
    await archive.delete([b])
    expect(archive.unusedTags()).toEqual([
      { name: 'elections', color: '#2980b9', reasons: ['color'] },
      { name: 'Iraq', reasons: ['emptied'] },
      { name: 'Kurds', color: '#27ae60', reasons: ['color', 'emptied'] },
    ])

    // Used again: no longer unused.
    await archive.addTags([a], ['Iraq'])
    expect(archive.unusedTags().map((t) => t.name)).toEqual(['elections', 'Kurds'])

    expect((await archive.deleteUnusedTags(['kurds'])).map((t) => t.name)).toEqual(['Kurds'])
    expect(archive.unusedTags().map((t) => t.name)).toEqual(['elections'])
    await archive.deleteUnusedTags()
    expect(archive.unusedTags()).toEqual([])
    expect(archive.settings().tagColors).toEqual({})
    expect(
      archive
        .tags()
        .map((t) => t.name)
        .sort(),
    ).toEqual(['Iraq', 'Syria'])
  })

  it('survives reopening the archive', async () => {
    const a = await story('Raqqa dispatch')
    await archive.addTags([a], ['Syria'])
    await archive.setTags(a, [])
    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    expect(archive.unusedTags()).toEqual([{ name: 'Syria', reasons: ['emptied'] }])
  })
})

describe('saved searches', () => {
  it('refuses a query with a problem, with its position, and saves nothing', async () => {
    const err = await archive
      .saveSearch({ name: 'bad', query: 'syria foo:bar' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(QueryProblemError)
    expect((err as QueryProblemError).problem.start).toBe(6)
    expect((err as Error).message).toMatch(/^The query has a problem at character 7: /)
    await expect(archive.saveSearch({ name: 'empty', query: '  ' })).rejects.toThrow(
      'A saved search needs a query.',
    )
    expect(archive.savedSearches()).toEqual([])
    await archive.saveSearch({ name: 'AFP Syria', query: 'agency:afp syria' })
    expect(archive.savedSearches()).toEqual([{ name: 'AFP Syria', query: 'agency:afp syria' }])
  })
})
