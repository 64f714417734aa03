import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { ArchiveError } from '../../main/core/archive'
import { openArchive } from '../../main/core/openArchive'
import { tempDir } from '../helpers'

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

const story = (title: string, body: string, credit: string) =>
  [title, '', body, '', 'A street in the old town.', '', `Photo: ${credit}`, ''].join('\n')

async function add(title: string, body: string, credit: string): Promise<string> {
  const report = await archive.importText(story(title, body, credit), title)
  return report.outcomes[0].ids[0]
}

async function tagsOf(id: string): Promise<string[]> {
  return (await archive.get(id))!.tags
}

/** Three stories: two from Raqqa (one AFP picture, one Reuters), one from Aleppo (AFP). */
async function seed(): Promise<{ afpRaqqa: string; reutersRaqqa: string; afpAleppo: string }> {
  return {
    afpRaqqa: await add(
      'Return to Raqqa',
      'Families came back to Raqqa after the fighting.',
      'Delil Souleiman / AFP',
    ),
    reutersRaqqa: await add(
      'Raqqa rebuilds',
      'Builders cleared the rubble in Raqqa on Monday.',
      'Rodi Said / Reuters',
    ),
    afpAleppo: await add(
      'Markets of Aleppo',
      'Traders opened their shops in Aleppo again.',
      'George Ourfalian / AFP',
    ),
  }
}

describe('tagging rules', () => {
  it('previews, then tags the existing archive with provenance, durable after reopening', async () => {
    const ids = await seed()
    const input = { query: 'agency:afp raqqa', tags: ['Places/Syria/Raqqa'] }
    const preview = await archive.previewRule(input)
    expect(preview).toMatchObject({ matched: 1, changes: 1, total: 3, wholeArchive: false })
    expect(preview.perTag).toEqual([{ tag: 'Places/Syria/Raqqa', items: 1 }])
    expect(preview.sample.map((s) => s.id)).toEqual([ids.afpRaqqa])

    const { rule, run } = await archive.saveRule(input)
    expect(run?.changed).toBe(1)
    expect(await tagsOf(ids.afpRaqqa)).toEqual(['Places/Syria/Raqqa'])
    expect(await tagsOf(ids.reutersRaqqa)).toEqual([])
    expect((await archive.get(ids.afpRaqqa))!.ruleTags).toEqual({
      'places/syria/raqqa': rule.id,
    })
    // Searchable at once.
    const hits = await archive.search('tag:"Places/Syria/Raqqa"')
    expect(hits.hits.map((h) => h.id)).toContain(ids.afpRaqqa)

    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    expect(archive.rules()).toMatchObject([
      { id: rule.id, query: 'agency:afp raqqa', tags: ['Places/Syria/Raqqa'], enabled: true },
    ])
    expect((await archive.get(ids.afpRaqqa))!.ruleTags).toEqual({
      'places/syria/raqqa': rule.id,
    })
    // A second preview counts only what would change: nothing now.
    expect((await archive.previewRule(input)).changes).toBe(0)
  })

  it('tags new imports and edited items with the enabled rules, in order', async () => {
    const first = await archive.saveRule({ query: 'raqqa', tags: ['Syria'] })
    const second = await archive.saveRule({ query: 'agency:afp', tags: ['AFP pictures', 'Syria'] })
    const id = await add('Raqqa at night', 'The lights of Raqqa came on.', 'Delil Souleiman / AFP')
    const item = (await archive.get(id))!
    expect(item.tags).toEqual(['Syria', 'AFP pictures'])
    // The first rule in order owns the tag both add.
    expect(item.ruleTags).toEqual({ syria: first.rule.id, 'afp pictures': second.rule.id })

    // A disabled rule does nothing; an edit (notes) runs the enabled ones on the item.
    await archive.setRuleEnabled(second.rule.id, false)
    const other = await add('Aleppo at dawn', 'Bakers in Aleppo.', 'George Ourfalian / AFP')
    expect(await tagsOf(other)).toEqual([])
    await archive.saveRule({ id: first.rule.id, query: 'aleppo', tags: ['Syria'] }, { run: false })
    await archive.setNotes(other, 'checked')
    expect(await tagsOf(other)).toEqual(['Syria'])
  })

  it('a user’s removal of a rule tag sticks, and putting it back by hand is the user’s own', async () => {
    const { afpRaqqa } = await seed()
    const { rule } = await archive.saveRule({ query: 'raqqa', tags: ['Syria'] })
    await archive.removeTags([afpRaqqa], ['syria'])
    let item = (await archive.get(afpRaqqa))!
    expect(item.tags).toEqual([])
    expect(item.declinedRuleTags).toEqual(['syria'])
    expect(item.ruleTags).toBeUndefined()

    // Neither an edit nor running the rule again adds it back.
    await archive.setNotes(afpRaqqa, 'seen')
    expect(await tagsOf(afpRaqqa)).toEqual([])
    const again = await archive.runRule(rule.id)
    expect(again.changed).toBe(0)
    expect(await tagsOf(afpRaqqa)).toEqual([])

    await archive.addTags([afpRaqqa], ['Syria'])
    item = (await archive.get(afpRaqqa))!
    expect(item.tags).toEqual(['Syria'])
    expect(item.declinedRuleTags).toBeUndefined()
    expect(item.ruleTags).toBeUndefined()
  })

  it('undoes a whole run at once, keeping tags added by hand and leaving nothing declined', async () => {
    const ids = await seed()
    const elsewhere = await add('Harbour news', 'Boats in Hamburg.', 'Jane Doe / dpa')
    await archive.addTags([ids.reutersRaqqa], ['syria'])
    const { run } = await archive.saveRule({ query: 'raqqa OR aleppo', tags: ['Syria', 'War'] })
    expect(run!.changed).toBe(3)
    expect(run!.perTag).toEqual([
      { tag: 'syria', items: 2 },
      { tag: 'War', items: 3 },
    ])
    expect(await tagsOf(ids.reutersRaqqa)).toEqual(['syria', 'War'])

    expect(await archive.undoRuleRun(run!.runId)).toBe(3)
    expect(await tagsOf(ids.afpRaqqa)).toEqual([])
    expect(await tagsOf(ids.afpAleppo)).toEqual([])
    expect(await tagsOf(ids.reutersRaqqa)).toEqual(['syria'])
    expect(await tagsOf(elsewhere)).toEqual([])
    const item = (await archive.get(ids.afpRaqqa))!
    expect(item.ruleTags).toBeUndefined()
    expect(item.declinedRuleTags).toBeUndefined()
    expect((await archive.search('tag:war')).total).toBe(0)
    await expect(archive.undoRuleRun(run!.runId)).rejects.toThrow(/no longer be undone/)
  })

  it('refuses an invalid query with its positioned error, and keeps nothing', async () => {
    await seed()
    const preview = await archive.previewRule({ query: 'raqqa foo:bar', tags: ['Syria'] })
    expect(preview.error).toMatchObject({ start: 6, end: 9 })
    await expect(archive.saveRule({ query: 'raqqa foo:bar', tags: ['Syria'] })).rejects.toThrow(
      /^The rule's query is not valid at 7–9 \(“foo”\): Unknown field/,
    )
    await expect(
      archive.saveRule({ query: 'after:2023-13-45', tags: ['Syria'] }),
    ).rejects.toBeInstanceOf(ArchiveError)
    await expect(archive.saveRule({ query: 'raqqa', tags: ['  '] })).rejects.toThrow(/empty/)
    expect(archive.rules()).toEqual([])
  })

  it('asks before a rule tags the whole archive', async () => {
    const ids = await seed()
    for (const query of ['', '*', 'syria OR raqqa OR aleppo OR street']) {
      const preview = await archive.previewRule({ query, tags: ['Archive'] })
      expect(preview).toMatchObject({ wholeArchive: true, changes: 3, total: 3 })
      await expect(archive.saveRule({ query, tags: ['Archive'] })).rejects.toThrow(
        /every item in the archive \(3\).*Confirm/,
      )
    }
    expect(archive.rules()).toEqual([])
    expect(await tagsOf(ids.afpAleppo)).toEqual([])
    const { run } = await archive.saveRule(
      { query: '*', tags: ['Archive'] },
      { confirmWholeArchive: true },
    )
    expect(run!.changed).toBe(3)
    expect(await tagsOf(ids.afpAleppo)).toEqual(['Archive'])
  })

  it('lists, moves, disables and removes rules; the list is checked when read', async () => {
    const a = (await archive.saveRule({ query: 'raqqa', tags: ['A'] })).rule
    const b = (await archive.saveRule({ query: 'aleppo', tags: ['B'] })).rule
    const c = (await archive.saveRule({ query: 'damascus', tags: ['C'] })).rule
    expect((await archive.moveRule(c.id, 0)).map((r) => r.id)).toEqual([c.id, a.id, b.id])
    expect((await archive.moveRule(c.id, 99)).map((r) => r.id)).toEqual([a.id, b.id, c.id])
    expect(archive.rules().map((r) => r.order)).toEqual([0, 1, 2])
    expect((await archive.setRuleEnabled(b.id, false)).enabled).toBe(false)
    expect((await archive.removeRule(a.id)).query).toBe('raqqa')
    expect(archive.rules().map((r) => r.id)).toEqual([b.id, c.id])
    await expect(archive.removeRule(a.id)).rejects.toThrow(`No rule with id ${a.id}.`)

    await archive.close()
    const file = join(dir, 'archive', 'archive.json')
    const json = JSON.parse(await readFile(file, 'utf8')) as { settings: { rules: unknown[] } }
    expect(json.settings.rules).toHaveLength(2)
    archive = await openArchive(join(dir, 'archive'))
    expect(archive.rules().map((r) => r.query)).toEqual(['aleppo', 'damascus'])
  })
})
