import { spawnSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article, ArchiveItem, TagInfo } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { cli, corpora, seedFile, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
const run = (...args: string[]) => cli(['--archive', dir, ...args])

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(async () => {
  await cleanup()
})

async function importSeed(): Promise<string> {
  const res = await run('import', seedFile, '--json')
  expect(res.code).toBe(0)
  const report = JSON.parse(res.stdout)
  expect(report.imported).toBe(1)
  return report.outcomes[0].ids[0] as string
}

describe('morgue import of the seed article', () => {
  it('stores the title, one credited photo and the body without the site trailer', async () => {
    const id = await importSeed()
    const shown = await run('show', id, '--json')
    expect(shown.code).toBe(0)
    const article = JSON.parse(shown.stdout) as Article
    expect(article.kind).toBe('article')
    expect(article.title).toBe('Iran says attacks on US forces due to ‘wrong American policies’')
    expect(article.photos).toHaveLength(1)
    const [photo] = article.photos
    expect(photo.caption).toMatch(/^Armed men in uniform identified by Syrian Democratic forces/)
    expect(photo.caption).toMatch(/anti-IS force on the ground in Syria .* Christian fighters\.$/)
    expect(photo.caption).not.toContain('SOULEIMAN')
    expect(photo.credit).toMatchObject({
      raw: 'DELIL SOULEIMAN / AFP',
      photographer: 'Delil Souleiman',
      agency: 'AFP',
      agencies: ['AFP'],
    })
    expect(article.body[0]).toBe(
      'Iran said Monday attacks on US forces in Iraq and elsewhere in the region were a result of “wrong American policies” including support for Israel in its war against Hamas.',
    )
    expect(article.body.at(-1)).toBe(
      'The United States has around 2,500 troops in Iraq and some 900 in Syria as part of efforts to prevent a resurgence of the Islamic State extremist group.',
    )
    expect(article.body.join('\n')).not.toMatch(/Join Our Channels|DELIL SOULEIMAN/)
    expect(article.body).toHaveLength(14)
  })

  it('reports a duplicate on re-import and stores nothing new', async () => {
    const id = await importSeed()
    const again = await run('import', seedFile, '--json')
    const report = JSON.parse(again.stdout)
    expect(report).toMatchObject({ imported: 0, duplicates: 1, failed: 0 })
    expect(report.outcomes[0].ids).toEqual([id])
    const list = JSON.parse((await run('list', '--json')).stdout)
    expect(list.total).toBe(1)
  })

  it('prints a readable report without --json', async () => {
    const res = await run('import', seedFile)
    expect(res.stdout).toMatch(/^imported {3}.*000_0573ed9d5a68091b\.txt → [0-9a-f]{16}$/m)
    expect(res.stdout).toMatch(/1 item imported, 0 duplicates, 0 failed/)
  })
})

describe('morgue tags', () => {
  it('tags, counts, renames, merges and untags', async () => {
    const id = await importSeed()
    expect((await run('tag', id, 'Iran', 'Syria', ' middle  east ')).code).toBe(0)
    expect((await run('tag', id, 'iran')).stdout).toContain('Iran, Syria, middle east')
    let tags = JSON.parse((await run('tags', '--json')).stdout) as TagInfo[]
    expect(tags.map((t) => [t.name, t.count])).toEqual([
      ['Iran', 1],
      ['middle east', 1],
      ['Syria', 1],
    ])
    expect((await run('rename-tag', 'syria', 'Syrian war')).code).toBe(0)
    expect((await run('merge-tags', 'middle east', 'Iran', '--into', 'Region')).code).toBe(0)
    tags = JSON.parse((await run('tags', '--json')).stdout) as TagInfo[]
    expect(tags.map((t) => t.name).sort()).toEqual(['Region', 'Syrian war'])
    expect((await run('untag', id, 'region')).stdout).toContain(`${id}: Syrian war`)
    expect((await run('tags')).stdout.trim()).toBe('1  Syrian war')
  })

  it('refuses an unknown id or an empty tag with one line and a non-zero exit', async () => {
    const unknown = await run('tag', '0123456789abcdef', 'x')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim()).toBe('morgue: No item with id 0123456789abcdef.')
    const id = await importSeed()
    const empty = await run('tag', id, '   ')
    expect(empty.code).toBe(1)
    expect(empty.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('morgue list, delete, stats, search', () => {
  it('lists, searches and deletes', async () => {
    const id = await importSeed()
    expect((await run('list')).stdout).toContain(`${id}  `)
    const found = JSON.parse((await run('search', 'souleiman', '--json')).stdout)
    expect(
      found.hits.some((h: { id: string; kind: string }) => h.id === id && h.kind === 'photo'),
    ).toBe(true)
    const stats = JSON.parse((await run('stats', '--json')).stdout)
    expect(stats).toMatchObject({ articles: 1, photos: 1, standalonePhotos: 0 })
    expect((await run('delete', id)).stdout).toContain('Deleted 1 item.')
    expect(JSON.parse((await run('list', '--json')).stdout).total).toBe(0)
    expect(JSON.parse((await run('search', 'souleiman', '--json')).stdout).total).toBe(0)
  })
})

describe('morgue export', () => {
  it('exports JSON that re-imports losslessly into an empty archive', async () => {
    const id = await importSeed()
    await run('tag', id, 'iran')
    const out = join(dir, 'export.json')
    expect((await run('export', '--format', 'json', '--out', out)).code).toBe(0)
    const { dir: other, cleanup: cleanOther } = await tempDir()
    try {
      const res = await cli(['--archive', other, 'import', out, '--json'])
      expect(JSON.parse(res.stdout).imported).toBe(1)
      const a = JSON.parse((await run('show', id, '--json')).stdout) as ArchiveItem
      const b = JSON.parse((await cli(['--archive', other, 'show', id, '--json'])).stdout)
      expect(b).toEqual(a)
    } finally {
      await cleanOther()
    }
  })

  it('exports a CSV of photos and Markdown files', async () => {
    await importSeed()
    const csv = join(dir, 'photos.csv')
    await run('export', '--format', 'csv', '--out', csv)
    const text = await readFile(csv, 'utf8')
    expect(text.split('\n')[1]).toContain('Delil Souleiman')
    const md = join(dir, 'md')
    await run('export', '--format', 'markdown', '--out', md)
    const files = await readdir(md)
    expect(files).toHaveLength(1)
    expect(await readFile(join(md, files[0]), 'utf8')).toMatch(/^---\n[\s\S]*AFP[\s\S]*\n---\n/)
  })
})

describe('morgue errors', () => {
  it('reports bad files one per line and leaves the archive untouched', async () => {
    const empty = join(dir, 'empty.txt')
    const binary = join(dir, 'garbage.txt')
    await writeFile(empty, '')
    await writeFile(binary, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9]))
    const archiveDir = join(dir, 'archive')
    const res = await cli([
      '--archive',
      archiveDir,
      '--create',
      'import',
      empty,
      binary,
      join(dir, 'missing.txt'),
    ])
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/failed {5}.*empty\.txt: .*empty/)
    expect(res.stdout).toMatch(/failed {5}.*garbage\.txt: .*not a text file/)
    expect(res.stdout).toMatch(/failed {5}.*missing\.txt: .*does not exist/)
    expect(JSON.parse((await cli(['--archive', archiveDir, 'list', '--json'])).stdout).total).toBe(
      0,
    )
  })

  it('says the archive is open elsewhere instead of writing beside another process', async () => {
    const archive = await openArchive(dir)
    try {
      const res = await run('tag', 'aaaaaaaaaaaaaaaa', 'x')
      expect(res.code).toBe(1)
      expect(res.stderr.trim()).toMatch(
        /^morgue: The archive at .* is open in another Morgue process/,
      )
    } finally {
      await archive.close()
    }
  })

  it('explains usage mistakes', async () => {
    const unknown = await run('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command “frobnicate”')
    const badOption = await run('list', '--colour')
    expect(badOption.code).toBe(2)
    expect((await run('import', '--help')).stdout).toContain('Usage: morgue import PATH…')
  })
})

describe('morgue parse-credit', () => {
  it('prints one JSON object per stdin line', async () => {
    const res = await cli(
      ['parse-credit'],
      'DELIL SOULEIMAN / AFP\nKevin Frayer/AFP via Getty Images\nA caption. (AP Photo/Evan Vucci)\n',
    )
    const rows = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows).toEqual([
      {
        photographer: 'Delil Souleiman',
        agency: 'AFP',
        agencies: ['AFP'],
        raw: 'DELIL SOULEIMAN / AFP',
      },
      {
        photographer: 'Kevin Frayer',
        agency: 'AFP',
        agencies: ['AFP', 'Getty Images'],
        raw: 'Kevin Frayer/AFP via Getty Images',
      },
      { photographer: 'Evan Vucci', agency: 'AP', agencies: ['AP'], raw: '(AP Photo/Evan Vucci)' },
    ])
  })

  it('runs as a real process reading stdin', () => {
    const root = resolve(__dirname, '..', '..')
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'parse-credit'], {
      cwd: root,
      input: 'REUTERS/Mario Anzuoni\n',
      encoding: 'utf8',
    })
    expect(res.status).toBe(0)
    expect(JSON.parse(res.stdout)).toMatchObject({
      photographer: 'Mario Anzuoni',
      agency: 'REUTERS',
    })
  })
})

// The real corpora stay outside the repo; this guards against a wrong relative path.
it('finds the shared corpora', async () => {
  expect((await readdir(corpora)).sort()).toContain('seed')
})

describe('morgue alias', () => {
  it('adds, lists and removes name variants, and search finds the article by a variant', async () => {
    const id = await importSeed()
    // The seed article names the photographer Delil Souleiman.
    expect(JSON.parse((await run('search', 'Sulayman', '--json')).stdout).total).toBe(0)
    const added = await run('alias', 'add', 'Souleiman', 'Sulayman')
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Souleiman = ')
    expect(added.stdout).toContain('Sulayman')
    const found = JSON.parse((await run('search', 'Sulayman', '--json')).stdout)
    expect(found.hits.map((h: { id: string }) => h.id)).toContain(id)

    const list = JSON.parse((await run('alias', 'list', '--json')).stdout) as string[][]
    expect(list.find((g) => g.includes('Sulayman'))).toContain('Souleiman')
    expect(list.some((g) => g.includes('Kyiv') && g.includes('Kiev'))).toBe(true)
    expect((await run('alias', 'list')).stdout).toMatch(/^Kyiv = Kiev$/m)

    expect((await run('alias', 'remove', 'sulayman')).code).toBe(0)
    expect(JSON.parse((await run('search', 'Sulayman', '--json')).stdout).total).toBe(0)
    const after = JSON.parse((await run('alias', 'list', '--json')).stdout) as string[][]
    expect(after.flat()).not.toContain('Sulayman')
  })

  it('reports mistakes with a clear message and exit code', async () => {
    const missing = await run('alias', 'remove', 'Nobody Atall')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No name variant group holds “Nobody Atall”')
    const usage = await run('alias', 'add', 'Lonely')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('give a name and at least one variant')
    expect((await run('alias', 'frobnicate')).code).toBe(2)
  })
})
