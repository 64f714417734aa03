import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ArchiveItem } from '../../main/core/model'
import type { TagRule } from '../../main/core/rules/types'
import { cli, corpora, seedFile, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
const run = (...args: string[]) => cli(['--archive', dir, ...args])
const sport = Array.from({ length: 30 }, (_, i) =>
  join(corpora, 'bbc-news', 'bbc', 'sport', `${String(i + 1).padStart(3, '0')}.txt`),
)
let seedId: string

beforeAll(() => {
  expect(sport.length).toBe(30)
})
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  const res = await run('--create', 'import', seedFile, ...sport, '--json')
  expect(res.code).toBe(0)
  const report = JSON.parse(res.stdout) as { imported: number; outcomes: { ids: string[] }[] }
  // The seed and the sport stories (one of the BBC files repeats another: a duplicate).
  expect(report.imported).toBe(30)
  seedId = report.outcomes[0].ids[0]
})
afterEach(async () => {
  await cleanup()
})

async function rules(): Promise<TagRule[]> {
  const res = await run('rules', '--json')
  expect(res.code).toBe(0)
  return JSON.parse(res.stdout) as TagRule[]
}

/** Items carrying a tag (search counts rows: an article and each matching photo). */
async function tagged(tag: string): Promise<number> {
  const res = await run('list', '--tag', tag, '--json')
  expect(res.code).toBe(0)
  return (JSON.parse(res.stdout) as { total: number }).total
}

async function searchTotal(query: string): Promise<number> {
  const res = await run('search', query, '--json')
  expect(res.code).toBe(0)
  return (JSON.parse(res.stdout) as { total: number }).total
}

describe('morgue rule', () => {
  it('adds a rule (dry run first), tags what it matches, and the rule lists', async () => {
    const dry = await run(
      'rule',
      'add',
      'agency:afp',
      'syria',
      '--tag',
      'Places/Syria',
      '--dry-run',
    )
    expect(dry.code).toBe(0)
    expect(dry.stdout).toBe(
      'Rule agency:afp syria → Places/Syria would add Places/Syria to 1 item.\n',
    )
    expect(await rules()).toEqual([])

    const added = await run('rule', 'add', 'agency:afp', 'syria', '--tag', 'Places/Syria')
    expect(added.code).toBe(0)
    const [rule] = await rules()
    expect(rule).toMatchObject({ query: 'agency:afp syria', tags: ['Places/Syria'], enabled: true })
    expect(added.stdout).toBe(`Rule ${rule.id} added: added Places/Syria to 1 item.\n`)
    const shown = JSON.parse((await run('show', seedId, '--json')).stdout) as ArchiveItem
    expect(shown.tags).toEqual(['Places/Syria'])
    expect(shown.ruleTags).toEqual({ 'places/syria': rule.id })

    const listed = await run('rules')
    expect(listed.stdout).toBe(` 1  ${rule.id}  on   agency:afp syria → Places/Syria\n`)
  })

  it('counts agree with search, a new import is tagged, and run/remove print counts', async () => {
    const matching = await searchTotal('olympic')
    expect(matching).toBeGreaterThan(1)
    const added = await run('rule', 'add', 'olympic', '--tag', 'Olympics', '--tag', 'Sport')
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(new RegExp(`added Olympics, Sport to ${matching} items\\.`))
    expect(await searchTotal('tag:olympics')).toBe(matching)
    const [rule] = await rules()

    const again = await run('rule', 'run', rule.id)
    expect(again.stdout).toBe(`Rule ${rule.id} no item needed a tag.\n`)

    // A new import is tagged by the enabled rule.
    const more = join(corpora, 'bbc-news', 'bbc', 'sport')
    const res = await run('import', join(more, '031.txt'), join(more, '032.txt'), '--json')
    const ids = (JSON.parse(res.stdout) as { outcomes: { ids: string[] }[] }).outcomes.flatMap(
      (o) => o.ids,
    )
    expect(ids).toHaveLength(2)
    for (const id of ids) {
      const shown = await run('show', id, '--json')
      const item = JSON.parse(shown.stdout) as ArchiveItem & { body: string[] }
      const mentions = /olympic/i.test(`${item.title}\n${item.body.join('\n')}`)
      expect(item.tags.includes('Olympics')).toBe(mentions)
    }

    const removed = await run('rule', 'remove', rule.id)
    expect(removed.stdout).toBe(`Removed rule ${rule.id} (olympic); the tags it added stay.\n`)
    expect(await rules()).toEqual([])
    expect(await searchTotal('tag:olympics')).toBeGreaterThanOrEqual(matching)
  })

  it('refuses an invalid query with its position, and a whole-archive rule without --yes', async () => {
    const bad = await run('rule', 'add', 'claxton', 'foo:bar', '--tag', 'X')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^morgue: The rule's query is not valid at 9–11 \(“foo”\): Unknown field/,
    )

    const all = await run('rule', 'add', '*', '--tag', 'BBC')
    expect(all.code).toBe(1)
    expect(all.stderr).toMatch(/matches every item in the archive \(30 items\).*--yes/)
    expect(await rules()).toEqual([])
    expect(await tagged('BBC')).toBe(0)

    const yes = await run('rule', 'add', '*', '--tag', 'BBC', '--yes')
    expect(yes.code).toBe(0)
    expect(yes.stdout).toMatch(/added BBC to 30 items\./)
    expect(await tagged('BBC')).toBe(30)
    expect(await searchTotal('tag:bbc')).toBe(31)

    const noTag = await run('rule', 'add', 'claxton')
    expect(noTag.code).toBe(2)
  })

  it('disables, enables and moves rules', async () => {
    await run('rule', 'add', 'claxton', '--tag', 'Athletics')
    await run('rule', 'add', 'rugby', '--tag', 'Rugby', '--disabled')
    const [a, b] = await rules()
    expect(b.enabled).toBe(false)
    expect(await searchTotal('tag:rugby')).toBe(0)
    expect((await run('rule', 'enable', b.id)).stdout).toBe(`Rule ${b.id} is on.\n`)
    expect((await run('rule', 'disable', a.id)).stdout).toBe(`Rule ${a.id} is off.\n`)
    const moved = await run('rule', 'move', b.id, '1')
    expect(moved.stdout.split('\n')[0]).toBe(` 1  ${b.id}  on   rugby → Rugby`)
    expect((await rules()).map((r) => r.id)).toEqual([b.id, a.id])
    expect((await run('rule', 'move', b.id, '0')).code).toBe(2)
    expect((await run('rule', 'remove', 'deadbeef')).stderr).toBe(
      'morgue: No rule with id deadbeef.\n',
    )
  })
})
