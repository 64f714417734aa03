import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { exportJson } from '../../main/core/export'
import { openArchive } from '../../main/core/openArchive'
import { storyUrlKey } from '../../main/core/versions/storyUrlKey'
import { cli, tempDir } from '../helpers'

/** A news page whose text the test changes between captures, as an updated story does. */
function page(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><title>${title}</title>
<link rel="canonical" href="https://news.example/world/quake">
<meta property="og:title" content="${title}"><meta name="author" content="Jane Roe"></head>
<body><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></body></html>`
}

const FIRST = [
  'An earthquake of magnitude 6.1 struck the coastal region early on Tuesday, officials said.',
  'At least twelve people were injured and several buildings collapsed in the old town.',
  'Rescue teams were searching the rubble through the morning as aftershocks shook the area.',
]
const SECOND = [
  'An earthquake of magnitude 6.4 struck the coastal region early on Tuesday, officials said.',
  'At least forty people were injured and several buildings collapsed in the old town.',
  'Rescue teams were searching the rubble through the morning as aftershocks shook the area.',
  'The government declared a state of emergency in three provinces on Tuesday evening.',
]

let dir: string
let cleanup: () => Promise<void>
let archive: Archive
let server: Server
let base: string
let current = page('Quake hits coast', FIRST)

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
  current = page('Quake hits coast', FIRST)
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(current)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  await archive.close()
  await new Promise((ok) => server.close(ok))
  await cleanup()
})

describe('story versions', () => {
  it('keeps both captures of an updated story, shows the newest, and keeps tags and notes', async () => {
    const first = await archive.importUrl(`${base}/world/quake?utm_source=feed`)
    expect(first.imported).toBe(1)
    const id = first.outcomes[0].ids[0]
    await archive.addTags([id], ['Quake'])
    await archive.setNotes(id, 'Follow up with the ministry.')

    current = page('Quake toll rises to forty', SECOND)
    const second = await archive.importUrl(`${base}/world/quake`)
    expect(second.outcomes[0]).toMatchObject({ status: 'imported', ids: [id], version: 2 })

    const story = await archive.get(id)
    expect(story).toMatchObject({ title: 'Quake toll rises to forty', tags: ['Quake'] })
    expect(story?.notes).toBe('Follow up with the ministry.')
    expect(archive.list().total).toBe(1)
    expect(archive.list().items[0].versionCount).toBe(2)

    const versions = await archive.versions(id)
    expect(versions.map((v) => [v.index, v.title, v.current])).toEqual([
      [1, 'Quake hits coast', false],
      [2, 'Quake toll rises to forty', true],
    ])
    expect((await archive.readVersion(id, 1)).body).toEqual(FIRST)

    // The newest text is what search finds; the old one is kept, not indexed.
    expect((await archive.search('emergency provinces')).total).toBe(1)
  })

  it('treats the same content again as a duplicate, not a version', async () => {
    const id = (await archive.importUrl(`${base}/world/quake`)).outcomes[0].ids[0]
    const again = await archive.importUrl(`${base}/world/quake#comments`)
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', ids: [id] })
    expect(await archive.versions(id)).toHaveLength(1)
  })

  it('diffs two versions word by word', async () => {
    const id = (await archive.importUrl(`${base}/world/quake`)).outcomes[0].ids[0]
    current = page('Quake toll rises to forty', SECOND)
    await archive.importUrl(`${base}/world/quake`)
    const diff = await archive.diffVersions(id)
    expect(diff.from.index).toBe(1)
    expect(diff.to.index).toBe(2)
    const removed = diff.parts.filter((p) => p.change === 'removed').map((p) => p.text.trim())
    const added = diff.parts.filter((p) => p.change === 'added').map((p) => p.text.trim())
    expect(removed).toEqual(expect.arrayContaining(['6.1', 'twelve']))
    expect(diff.added).toBeGreaterThan(diff.removed)
    expect(added).toEqual(expect.arrayContaining(['6.4', 'forty']))
    expect(added.join(' ')).toContain('state of emergency')
    // Unchanged text is kept as it was.
    expect(diff.parts.map((p) => (p.change === 'added' ? '' : p.text)).join('')).toContain(FIRST[2])
    await expect(archive.diffVersions(id, 1, 3)).rejects.toThrow('there is no version 3')
  })

  it('keeps versions after the archive is reopened, with three captures', async () => {
    const id = (await archive.importUrl(`${base}/world/quake`)).outcomes[0].ids[0]
    current = page('Quake toll rises to forty', SECOND)
    await archive.importUrl(`${base}/world/quake`)
    current = page('Quake toll rises to forty-two', [...SECOND, 'Schools will stay closed.'])
    await archive.importUrl(`${base}/world/quake`)
    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    expect((await archive.versions(id)).map((v) => v.title)).toEqual([
      'Quake hits coast',
      'Quake toll rises to forty',
      'Quake toll rises to forty-two',
    ])
    expect((await archive.readVersion(id, 2)).body).toEqual(SECOND)
    const diff = await archive.diffVersions(id, 1, 3)
    expect(diff.added).toBeGreaterThan(diff.removed)
  })

  it('round-trips every version through the lossless export', async () => {
    const id = (await archive.importUrl(`${base}/world/quake`)).outcomes[0].ids[0]
    current = page('Quake toll rises to forty', SECOND)
    await archive.importUrl(`${base}/world/quake`)
    const chunks: string[] = []
    const story = await archive.get(id)
    await exportJson(
      (async function* () {
        if (story) yield story
      })(),
      async (c) => {
        chunks.push(c)
      },
      { ndjson: false, readBlob: (sha) => archive.readBlob(sha) },
    )
    const file = join(dir, 'export.json')
    await writeFile(file, chunks.join(''))
    const other = await openArchive(join(dir, 'other'))
    try {
      expect((await other.importPaths([file])).imported).toBe(1)
      expect((await other.versions(id)).map((v) => v.title)).toEqual([
        'Quake hits coast',
        'Quake toll rises to forty',
      ])
      expect((await other.readVersion(id, 1)).body).toEqual(FIRST)
    } finally {
      await other.close()
    }
  })

  it('lists versions and prints a diff on the command line', async () => {
    const id = (await archive.importUrl(`${base}/world/quake`)).outcomes[0].ids[0]
    current = page('Quake toll rises to forty', SECOND)
    await archive.importUrl(`${base}/world/quake`)
    await archive.close()
    const at = ['--archive', join(dir, 'archive')]
    const list = await cli(['versions', id, ...at])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/1\s+[\d-]+ [\d:]+\s+Quake hits coast/)
    expect(list.stdout).toMatch(
      /2\s+[\d-]+ [\d:]+\s+Quake toll rises to forty\s+\d+ words\s+\(shown\)/,
    )
    const json = JSON.parse((await cli(['versions', id, '--json', ...at])).stdout) as unknown[]
    expect(json).toHaveLength(2)
    const diff = await cli(['diff', id, ...at])
    expect(diff.code).toBe(0)
    expect(diff.stdout).toContain('[-6.1-]{+6.4+}')
    expect(diff.stdout).toContain('{+forty+}')
    const bad = await cli(['diff', id, '1', '5', ...at])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('there is no version 5')
    archive = await openArchive(join(dir, 'archive'))
  })
})

describe('storyUrlKey', () => {
  it('meets two spellings of one address and keeps different stories apart', () => {
    expect(storyUrlKey('https://www.News.example/a/b/?utm_medium=x&id=2&fbclid=9#top')).toBe(
      storyUrlKey('http://news.example/a/b?id=2'),
    )
    expect(storyUrlKey('https://news.example/a?id=2')).not.toBe(
      storyUrlKey('https://news.example/a?id=3'),
    )
    expect(storyUrlKey('/home/me/page.html')).toBeNull()
    expect(storyUrlKey('pasted text')).toBeNull()
  })
})
