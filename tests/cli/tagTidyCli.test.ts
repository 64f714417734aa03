import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SavedSearch, TagInfo, UnusedTag } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
const run = (...args: string[]) => cli(['--archive', dir, ...args])

beforeEach(async () => {
  let root: string
  ;({ dir: root, cleanup } = await tempDir())
  dir = join(root, 'archive')
  const archive = await openArchive(dir)
  const ids: string[] = []
  for (const t of ['Raqqa dispatch', 'Mosul dispatch', 'Erbil dispatch']) {
    const r = await archive.importText(`${t}\n\nA body long enough to be an article: ${t}.`)
    ids.push(r.outcomes[0].ids[0])
  }
  await archive.addTags(ids.slice(0, 2), ['Syria'])
  await archive.addTags([ids[2]], ['Iraq'])
  await archive.close()
})
afterEach(async () => {
  await cleanup()
})

async function tags(): Promise<TagInfo[]> {
  return JSON.parse((await run('tags', '--json')).stdout) as TagInfo[]
}

describe('morgue tag-color', () => {
  it('sets a palette colour, a hex colour, and clears with none', async () => {
    expect(await run('tag-color', 'syria', 'red')).toMatchObject({
      code: 0,
      stdout: '“Syria” is now red (#c0392b).\n',
    })
    expect((await tags()).find((t) => t.name === 'Syria')?.color).toBe('#c0392b')
    expect((await run('tags')).stdout).toContain('Syria  #c0392b')
    expect((await run('tag-color', 'Syria', '#2A6')).code).toBe(0)
    expect((await tags()).find((t) => t.name === 'Syria')?.color).toBe('#22aa66')
    expect(await run('tag-color', 'Syria', 'none')).toMatchObject({
      code: 0,
      stdout: '“Syria” has no colour now.\n',
    })
    expect((await tags()).find((t) => t.name === 'Syria')?.color).toBeUndefined()
  })

  it('refuses a bad colour with a clear message and a non-zero exit code, changing nothing', async () => {
    await run('tag-color', 'Syria', 'blue')
    const res = await run('tag-color', 'Syria', 'bluish')
    expect(res.code).toBe(2)
    expect(res.stderr).toMatch(/“bluish” is not a colour: give a hex colour like #c0392b/)
    expect((await tags()).find((t) => t.name === 'Syria')?.color).toBe('#2980b9')
  })
})

describe('morgue delete-tag', () => {
  it('--dry-run counts and changes nothing; then deletes and prints how many', async () => {
    const dry = await run('delete-tag', 'syria', '--dry-run')
    expect(dry).toMatchObject({ code: 0, stdout: 'Would delete “Syria” from 2 items.\n' })
    expect((await tags()).map((t) => t.name)).toEqual(['Syria', 'Iraq'])
    const res = await run('delete-tag', 'Syria')
    expect(res).toMatchObject({ code: 0, stdout: 'Deleted “Syria” from 2 items.\n' })
    expect((await tags()).map((t) => t.name)).toEqual(['Iraq'])
    expect((await run('search', 'tag:syria', '--json')).stdout).toContain('"total": 0')
  })

  it('deletes a node of the tree with the tags under it', async () => {
    const archive = await openArchive(dir)
    const [first] = archive.list().items.map((s) => s.id)
    await archive.addTags([first], ['Places/Syria/Raqqa', 'Places/Syria/Homs'])
    await archive.close()
    expect(await run('delete-tag', 'places/syria', '--dry-run')).toMatchObject({
      code: 0,
      stdout:
        'Would delete “Places/Syria” and 2 tags under it (Places/Syria/Homs, Places/Syria/Raqqa) from 1 item.\n',
    })
    expect(await run('delete-tag', 'Places')).toMatchObject({
      code: 0,
      stdout:
        'Deleted “Places” and 2 tags under it (Places/Syria/Homs, Places/Syria/Raqqa) from 1 item.\n',
    })
    expect((await tags()).map((t) => t.name)).toEqual(['Syria', 'Iraq'])
  })

  it('an unknown tag is an error (exit 1)', async () => {
    const res = await run('delete-tag', 'Libya')
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('morgue: No tag named “Libya”.\n')
  })
})

describe('morgue tags --unused', () => {
  it('lists coloured and emptied tags, and delete-tag --unused deletes them', async () => {
    expect((await run('tags', '--unused')).stdout).toBe('No unused tags.\n')
    await run('tag-color', 'Elections', 'teal')
    const list = (await run('search', 'tag:iraq', '--json')).stdout
    const iraqId = JSON.parse(list).hits[0].id as string
    await run('untag', iraqId, 'Iraq')
    const unused = JSON.parse((await run('tags', '--unused', '--json')).stdout) as UnusedTag[]
    expect(unused).toEqual([
      { name: 'elections', color: '#16a085', reasons: ['color'] },
      { name: 'Iraq', reasons: ['emptied'] },
    ])
    expect((await run('tags', '--unused')).stdout).toContain('Iraq  (taken off its last item)')
    expect(await run('delete-tag', '--unused')).toMatchObject({
      code: 0,
      stdout: 'Deleted 2 unused tags: elections, Iraq.\n',
    })
    expect(JSON.parse((await run('tags', '--unused', '--json')).stdout)).toEqual([])
  })
})

describe('morgue saved', () => {
  it('adds, lists and removes saved searches', async () => {
    expect(await run('saved', 'add', 'AFP Syria', 'agency:afp', 'syria')).toMatchObject({
      code: 0,
      stdout: 'Saved “AFP Syria”: agency:afp syria\n',
    })
    const saved = JSON.parse((await run('saved', 'list', '--json')).stdout) as SavedSearch[]
    expect(saved).toEqual([{ name: 'AFP Syria', query: 'agency:afp syria' }])
    expect((await run('saved', 'list')).stdout).toBe(
      'AFP Syria  agency:afp syria\n1 saved search\n',
    )
    expect(await run('saved', 'remove', 'AFP Syria')).toMatchObject({ code: 0 })
    expect((await run('saved', 'list')).stdout).toBe('No saved searches.\n')
    expect((await run('saved', 'remove', 'AFP Syria')).code).toBe(1)
  })

  it('a bad query gets its positioned error and nothing is saved', async () => {
    const res = await run('saved', 'add', 'bad', 'syria after:2023-13-45')
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/The query has a problem at character 13: "after:" needs a date/)
    expect(res.stderr).toContain('  syria after:2023-13-45\n              ^^^^^^^^^^\n')
    expect(res.stderr).toContain('Nothing was saved.')
    expect(JSON.parse((await run('saved', 'list', '--json')).stdout)).toEqual([])
  })

  it('saved list and delete-tag --dry-run read while the app has the archive open', async () => {
    const app = await openArchive(dir)
    try {
      await app.saveSearch({ name: 'Iraq', query: 'tag:iraq' })
      const list = await run('saved', 'list')
      expect(list.code).toBe(0)
      expect(list.stdout).toContain('Iraq  tag:iraq')
      expect((await run('delete-tag', 'Syria', '--dry-run')).stdout).toBe(
        'Would delete “Syria” from 2 items.\n',
      )
      const write = await run('saved', 'add', 'x', 'syria')
      expect(write.code).toBe(1)
    } finally {
      await app.close()
    }
  })
})
