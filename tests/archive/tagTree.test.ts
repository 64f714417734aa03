import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import type { TagNode } from '../../main/core/tagTree/tagTree'
import { tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
let archive: Archive

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'), { importInWorker: false })
})
afterEach(async () => {
  await archive.close()
  await cleanup()
})

async function importStories(n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const r = await archive.importText(`Story ${i}\n\nA paragraph about harbour ${i}.\n`)
    ids.push(...r.outcomes[0].ids)
  }
  return ids
}

/** The tree as `path count/own` lines, depth-first. */
function outline(nodes: readonly TagNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.path} ${n.count}/${n.own}${n.color ? ` ${n.color}` : ''}`,
    ...outline(n.children, depth + 1),
  ])
}

const refs = async (query: string) =>
  (await archive.search(query, { limit: 200 })).hits.map((h) => h.ref).sort()

describe('the tag tree', () => {
  it('builds nodes from paths, counts roll up once per item', async () => {
    const [a, b, c] = await importStories(3)
    await archive.addTags([a], ['Places / Syria / Raqqa', 'places/syria/ALEPPO'])
    await archive.addTags([b], ['Places/Syria'])
    await archive.addTags([c], ['Places/Iraq', 'Politics'])
    expect(outline(archive.tagTree())).toEqual([
      'Places 3/0',
      '  Places/Iraq 1/1',
      '  Places/Syria 2/1',
      '    places/syria/ALEPPO 1/1',
      '    Places/Syria/Raqqa 1/1',
      'Politics 1/1',
    ])
    // The display form of an existing path wins: one tag, not two.
    expect((await archive.get(a))?.tags).toEqual(['Places/Syria/Raqqa', 'places/syria/ALEPPO'])
  })

  it('renaming a node moves its subtree: items, photos, colours and saved searches', async () => {
    const [a, b] = await importStories(2)
    await archive.addTags([a], ['Places/Syria/Raqqa'])
    await archive.addTags([b], ['Places/Syria', 'Sport'])
    await archive.setTagColor('places/syria/raqqa', '#c0392b')
    await archive.saveSearch({ name: 'Raqqa', query: 'harbour tag:Places/Syria/Raqqa -tag:Sport' })
    await archive.renameTag('places/syria', 'Middle East/Syria')
    expect(outline(archive.tagTree())).toEqual([
      'Middle East 2/0',
      '  Middle East/Syria 2/1',
      '    Middle East/Syria/Raqqa 1/1 #c0392b',
      'Sport 1/1',
    ])
    expect(await refs('tag:"Middle East/Syria"')).toEqual([a, b].sort())
    expect(await refs('tag:Places')).toEqual([])
    expect(archive.savedSearches()).toEqual([
      { name: 'Raqqa', query: 'harbour tag:"Middle East/Syria/Raqqa" -tag:Sport' },
    ])
  })

  it('renames a node that exists only through its children, and refuses an unknown one', async () => {
    const [a] = await importStories(1)
    await archive.addTags([a], ['Places/Syria/Raqqa'])
    await archive.renameTag('Places', 'Geo')
    expect((await archive.get(a))?.tags).toEqual(['Geo/Syria/Raqqa'])
    await expect(archive.renameTag('Nowhere', 'Else')).rejects.toThrow('No tag named “Nowhere”.')
    await expect(archive.renameTag('Geo', ' // ')).rejects.toThrow(/only separators/)
    expect((await archive.get(a))?.tags).toEqual(['Geo/Syria/Raqqa'])
  })

  it('deleting a node deletes its subtree; undo puts each tag back on exactly its holders', async () => {
    const [a, b, c] = await importStories(3)
    await archive.addTags([a], ['Places/Syria/Raqqa'])
    await archive.addTags([b], ['Places/Syria', 'Places/Iraq'])
    await archive.addTags([c], ['Placesville'])
    await archive.setTagColor('Places/Syria/Raqqa', '#c0392b')
    const deleted = await archive.deleteTagTree('places / syria')
    expect(deleted).toEqual([
      { tag: 'Places/Syria', refs: [b] },
      { tag: 'Places/Syria/Raqqa', refs: [a], color: '#c0392b' },
    ])
    expect(outline(archive.tagTree())).toEqual([
      'Places 1/0',
      '  Places/Iraq 1/1',
      'Placesville 1/1',
    ])
    expect(await refs('tag:places/syria')).toEqual([])
    expect(await refs('tag:places')).toEqual([b])
    expect(archive.settings().tagColors).toEqual({})

    for (const d of deleted) await archive.restoreTag(d)
    expect((await archive.get(a))?.tags).toEqual(['Places/Syria/Raqqa'])
    expect((await archive.get(b))?.tags).toEqual(['Places/Iraq', 'Places/Syria'])
    expect(await refs('tag:places/syria')).toEqual([a, b].sort())
    expect(archive.settings().tagColors).toEqual({ 'places/syria/raqqa': '#c0392b' })
    // deleteTag is the same, answering the holders of any of the tags.
    expect((await archive.deleteTag('Places')).sort()).toEqual([a, b].sort())
    expect(outline(archive.tagTree())).toEqual(['Placesville 1/1'])
  })

  it('merging two nodes merges their subtrees', async () => {
    const [a, b, c] = await importStories(3)
    await archive.addTags([a], ['Syria/Raqqa'])
    await archive.addTags([b], ['Places/Syria/raqqa', 'Places/Syria/Homs'])
    await archive.addTags([c], ['Syria'])
    await archive.mergeTags(['Syria'], 'Places/Syria')
    expect(outline(archive.tagTree())).toEqual([
      'Places 3/0',
      '  Places/Syria 3/1',
      '    Places/Syria/Homs 1/1',
      '    Places/Syria/raqqa 2/2',
    ])
    expect((await archive.get(a))?.tags).toEqual(['Places/Syria/raqqa'])
    expect(await refs('tag:=places/syria')).toEqual([c])
  })
})

describe('bulk tagging', () => {
  it('tags every result of a search; undo removes it only where it was added', async () => {
    const ids = await importStories(5)
    const [first, second] = ids
    await archive.addTags([first], ['Ports'])
    const progress: number[] = []
    const result = await archive.bulkTag(
      { query: 'harbour', add: ['ports', 'Desk/Checked'] },
      { onProgress: (p) => progress.push(p.done) },
    )
    expect(result.targets).toBe(5)
    expect(result.items).toBe(5)
    expect(result.cancelled).toBe(false)
    expect(progress.at(-1)).toBe(5)
    const added = result.change.added.map((e) => ({ tag: e.tag, refs: [...e.refs].sort() }))
    expect(added).toEqual([
      { tag: 'Ports', refs: ids.filter((id) => id !== first).sort() },
      { tag: 'Desk/Checked', refs: [...ids].sort() },
    ])
    expect(await refs('tag:ports')).toEqual([...ids].sort())
    expect(await refs('tag:Desk')).toEqual([...ids].sort())

    await archive.removeTags([second], ['Ports'])
    expect(await archive.undoTagChange(result.change)).toBe(5 + 3)
    expect((await archive.get(first))?.tags).toEqual(['Ports'])
    expect((await archive.get(second))?.tags).toEqual([])
    expect(await refs('tag:ports')).toEqual([first])
    expect(archive.tags()).toEqual([{ name: 'Ports', count: 1 }])
  })

  it('removes tags from selected rows and undo puts them back', async () => {
    const [a, b, c] = await importStories(3)
    await archive.addTags([a, b], ['Iran'])
    const result = await archive.bulkTag({ refs: [a, b, c], remove: ['IRAN'] })
    expect(result.change.removed).toEqual([{ tag: 'Iran', refs: [a, b].sort() }])
    expect(await refs('tag:iran')).toEqual([])
    await archive.undoTagChange(result.change)
    expect(await refs('tag:iran')).toEqual([a, b].sort())
  })

  it('a rule-added tag taken off in bulk stays off: the rule does not add it back', async () => {
    const [a, b] = await importStories(2)
    const { rule } = await archive.saveRule(
      { query: 'harbour', tags: ['Ports'] },
      { confirmWholeArchive: true },
    )
    expect((await archive.get(a))?.ruleTags).toEqual({ ports: rule.id })
    await archive.bulkTag({ refs: [a], remove: ['Ports'] })
    expect((await archive.get(a))?.declinedRuleTags).toEqual(['ports'])
    await archive.runRule(rule.id, { confirmWholeArchive: true })
    expect((await archive.get(a))?.tags).toEqual([])
    expect((await archive.get(b))?.tags).toEqual(['Ports'])
    expect(await refs('tag:ports')).toEqual([b])
  })

  it('refuses bad tag names and bad queries before writing anything', async () => {
    const [a] = await importStories(1)
    await expect(archive.bulkTag({ refs: [a], add: ['x'.repeat(201)] })).rejects.toThrow(
      /at most 200/,
    )
    await expect(archive.bulkTag({ query: 'foo:bar', add: ['Ok'] })).rejects.toThrow(
      /Unknown field "foo:"/,
    )
    await expect(archive.bulkTag({ refs: [a] })).rejects.toThrow(/Name a tag/)
    expect((await archive.get(a))?.tags).toEqual([])
  })

  it('stops between batches when cancelled, reporting what it did', async () => {
    const ids = await importStories(2)
    const controller = new AbortController()
    controller.abort()
    const result = await archive.bulkTag(
      { refs: ids, add: ['Late'] },
      { signal: controller.signal },
    )
    expect(result).toMatchObject({ cancelled: true, items: 0, change: { added: [] } })
  })
})
