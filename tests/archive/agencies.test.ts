import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { ArchiveError } from '../../main/core/archive'
import { parseCredit } from '../../main/core/credits'
import type { Article } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'

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

const page = [
  'Strike in Paris',
  '',
  'Unions marched through the capital on Thursday.',
  '',
  'Protesters gather on the Place de la République.',
  '',
  'Photo: Jane Doe / Le Pictorium',
  '',
].join('\n')

async function importPage(): Promise<string> {
  const report = await archive.importText(page)
  return report.outcomes[0].ids[0]
}

async function credit(id: string) {
  const item = (await archive.get(id)) as Article
  return item.photos[0].credit
}

describe('the agency table a user extends', () => {
  it('reads an unknown agency as a person until it is added, then as an agency', async () => {
    const id = await importPage()
    expect((await credit(id))?.photographer).toBe('Jane Doe; Le Pictorium')

    const change = await archive.addAgency({ name: 'Le Pictorium', aliases: ['Pictorium'] })
    expect(change.reparsed).toBe(1)
    expect(await credit(id)).toMatchObject({
      photographer: 'Jane Doe',
      agency: 'Le Pictorium',
      agencyIds: ['user:le pictorium'],
    })
    // Searchable at once, without a rebuild.
    const hits = await archive.search('agency:"le pictorium"')
    expect(hits.total).toBeGreaterThan(0)
    expect(archive.listAgencies().find((a) => a.name === 'Le Pictorium')).toMatchObject({
      aliases: ['Le Pictorium', 'Pictorium'],
      builtIn: false,
    })
  })

  it('keeps the entry in archive.json, reapplies it on open and to new imports', async () => {
    await archive.addAgency({ name: 'Le Pictorium', aliases: [] })
    const saved = JSON.parse(await readFile(join(dir, 'archive', 'archive.json'), 'utf8')) as {
      settings: { agencies: unknown }
    }
    expect(saved.settings.agencies).toEqual([{ name: 'Le Pictorium', aliases: [] }])
    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    const id = await importPage()
    expect((await credit(id))?.agency).toBe('Le Pictorium')
  })

  it('adds aliases to a built-in agency instead of a second one', async () => {
    await archive.addAgency({ name: 'EPA', aliases: ['EPA Bildagentur'] })
    expect(parseCredit('Jane Doe/EPA Bildagentur').agencyIds).toEqual(['epa'])
    expect(archive.listAgencies().filter((a) => a.id === 'epa')).toHaveLength(1)
  })

  it('forgets an added agency and reads the credits again; refuses built-in ones', async () => {
    const id = await importPage()
    await archive.addAgency({ name: 'Le Pictorium', aliases: [] })
    const change = await archive.removeAgency('Le Pictorium')
    expect(change.reparsed).toBe(1)
    expect((await credit(id))?.agency).toBeNull()
    await expect(archive.removeAgency('AFP')).rejects.toThrow(/built-in/)
    await expect(archive.removeAgency('Nobody Press')).rejects.toThrow(ArchiveError)
  })

  it('refuses a name with no letters and leaves the table as it was', async () => {
    await expect(archive.addAgency({ name: '  ', aliases: [] })).rejects.toThrow(/needs a name/)
    await expect(archive.addAgency({ name: '1234', aliases: [] })).rejects.toThrow(/no letters/)
    expect(archive.listAgencies().some((a) => !a.builtIn)).toBe(false)
  })
})

describe('morgue agency / agencies', () => {
  it('adds with aliases, lists, removes', async () => {
    await archive.close()
    const arch = join(dir, 'archive')
    const add = await cli([
      'agency',
      'add',
      'Le',
      'Pictorium',
      '--alias',
      'Pictorium',
      '--archive',
      arch,
    ])
    expect(add.code).toBe(0)
    expect(add.stdout).toMatch(/“Le Pictorium” is read as an agency/)
    const list = await cli(['agencies', '--json', '--archive', arch])
    const table = JSON.parse(list.stdout) as { name: string; builtIn: boolean }[]
    expect(table.filter((a) => !a.builtIn).map((a) => a.name)).toEqual(['Le Pictorium'])
    expect(table.some((a) => a.name === 'AFP' && a.builtIn)).toBe(true)
    expect((await cli(['agencies', '--archive', arch])).stdout).toMatch(
      /\+ Le Pictorium {2}\(Pictorium\)/,
    )
    expect((await cli(['agency', 'remove', 'Le Pictorium', '--archive', arch])).code).toBe(0)
    const bad = await cli(['agency', 'remove', 'AFP', '--archive', arch])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/built-in/)
    expect((await cli(['agency', 'frobnicate', 'X', '--archive', arch])).code).toBe(2)
    archive = await openArchive(arch)
  })
})

describe('credit:uncertain', () => {
  it('finds the photos whose credit parse is a guess, beside credit:empty', async () => {
    const sure = await archive.importText(page)
    const guess = await archive.importText(
      [
        'Harbour at dawn',
        '',
        'Boats leave at six.',
        '',
        'Fishing boats in the harbour.',
        '',
        'Photo: Jane Doe / Fluxbox',
        '',
      ].join('\n'),
    )
    const guessId = guess.outcomes[0].ids[0]
    expect(await credit(guessId)).toMatchObject({ agency: 'Fluxbox', uncertain: true })
    expect((await credit(sure.outcomes[0].ids[0]))?.uncertain).toBe(false)
    const hits = await archive.search('credit:uncertain')
    expect(hits.hits.map((h) => h.id)).toEqual([guessId])
    expect((await archive.search('strike credit:uncertain')).total).toBe(0)
    expect((await archive.search('boats credit:uncertain')).hits.map((h) => h.id)).toEqual([
      guessId,
    ])
  })
})
