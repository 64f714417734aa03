import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ItemSuggestions, VocabularyListInfo } from '../../preload/contract'
import { cli, seedFile, tempDir } from '../helpers'

const fixtures = resolve(__dirname, '..', 'fixtures', 'vocabulary')
let dir: string
let cleanup: () => Promise<void>
const run = (...args: string[]) => cli(['--archive', join(dir, 'archive'), ...args])

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(async () => {
  await cleanup()
})

async function importSeed(): Promise<string> {
  const res = await run('--create', 'import', seedFile, '--json')
  expect(res.code).toBe(0)
  return JSON.parse(res.stdout).outcomes[0].ids[0] as string
}

describe('morgue vocabulary and morgue suggest', () => {
  it('imports a Lightroom list, suggests its terms for the seed article, lists and removes it', async () => {
    const id = await importSeed()
    const imported = await run('vocabulary', 'import', join(fixtures, 'lightroom-keywords.txt'))
    expect(imported).toMatchObject({ code: 0, stderr: '' })
    expect(imported.stdout).toBe('Imported “lightroom-keywords.txt”: 13 terms (indented).\n')

    const shown = await run('suggest', id, '--json')
    expect(shown.code).toBe(0)
    const r = JSON.parse(shown.stdout) as ItemSuggestions
    const tags = r.suggestions.map((s) => s.tag)
    expect(tags).toContain('Places/Middle East/Syria')
    expect(tags).toContain('Places/Middle East/Syria/Raqqa')
    expect(tags).toContain('People/Journalists/Delil Souleiman')
    expect(r.newNames.map((n) => n.name)).toContain('Iran')

    const text = await run('suggest', id)
    expect(text.stdout).toMatch(/^Suggested tags:\n {2}Organisations\/Syrian Democratic Forces/)
    expect(text.stdout).toContain('  Places/Middle East/Syria/Raqqa (“Raqa”)  2× in caption')
    expect(text.stdout).toContain('New names:\n  Iran  place')

    const listed = await run('vocabulary', 'list', '--json')
    const lists = JSON.parse(listed.stdout) as VocabularyListInfo[]
    expect(lists.map((l) => [l.name, l.terms, l.format])).toEqual([
      ['lightroom-keywords.txt', 13, 'indented'],
    ])
    const removed = await run('vocabulary', 'remove', lists[0].id)
    expect(removed.stdout).toBe('Removed “lightroom-keywords.txt” (13 terms).\n')
    expect((await run('vocabulary', 'list')).stdout).toMatch(/^No keyword lists/)
    expect((await run('suggest', id)).stdout).toMatch(/^No suggested tags/)
  })

  it('reads SKOS labels in the language asked for, under a name given', async () => {
    await importSeed()
    const res = await run(
      'vocabulary',
      'import',
      join(fixtures, 'mediatopic-sample.json'),
      '--lang',
      'fr',
      '--name',
      'IPTC',
    )
    expect(res.stdout).toBe('Imported “IPTC”: 3 terms (skos-json).\n')
  })

  it('refuses a file that is no keyword list with one line and exit code 1, importing nothing', async () => {
    await importSeed()
    const bad = join(dir, 'notes.xml')
    await writeFile(bad, '<html><body><p>Not a list</p></body></html>')
    const res = await run('vocabulary', 'import', bad)
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(
      'morgue: notes.xml is a web page, not a keyword list: expected one term per line, a tab-indented hierarchy, or SKOS in JSON or RDF/XML. Nothing was imported.\n',
    )
    expect((await run('vocabulary', 'list', '--json')).stdout.trim()).toBe('[]')
  })

  it('says what is wrong with a call', async () => {
    await importSeed()
    expect(await run('suggest')).toMatchObject({ code: 2 })
    expect((await run('suggest', 'ffffffffffffffff')).stderr).toBe(
      'morgue: No item with id ffffffffffffffff.\n',
    )
    expect((await run('vocabulary', 'frobnicate')).stderr).toMatch(
      /unknown vocabulary command “frobnicate”/,
    )
  })
})
