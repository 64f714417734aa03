import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openArchive } from '../../main/core/openArchive'
import { DamagedContentError } from '../../main/core/storage'
import { cli, tempDir } from '../helpers'
import { archiveWithArticles, blobFile, recordsOnDisk } from './fixtures'

let dir: string
let archiveDir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-checked-'))
  archiveDir = join(dir, 'archive')
})
afterEach(() => cleanup())

/** Alter an item's content blob so it is still valid JSON but not what was stored. */
async function alterContent(id: string): Promise<string> {
  const record = (await recordsOnDisk(archiveDir)).get(id)!
  const file = blobFile(archiveDir, record.content)
  const content = JSON.parse(await readFile(file, 'utf8')) as { body: string[] }
  content.body = ['Forged text that was never archived.']
  await writeFile(file, JSON.stringify(content))
  return file
}

describe('checked reads', () => {
  it('reports an altered content blob by item and field, never as good', async () => {
    const [bad, good] = await archiveWithArticles(archiveDir, dir, 3)
    const file = await alterContent(bad)
    const archive = await openArchive(archiveDir, { importInWorker: false })
    try {
      const error = await archive.get(bad).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(DamagedContentError)
      expect(error).toMatchObject({ itemId: bad, field: 'content', file, damage: 'altered' })
      expect((error as Error).message).toMatch(/damaged/)
      expect((await archive.get(good))?.title).toMatch(/^Article number/)
    } finally {
      await archive.close()
    }
  })

  it('the CLI says the item is damaged (exit 1) instead of printing forged text', async () => {
    const [bad] = await archiveWithArticles(archiveDir, dir, 2)
    await alterContent(bad)
    const shown = await cli(['--archive', archiveDir, 'show', bad])
    expect(shown.code).toBe(1)
    expect(shown.stdout).not.toContain('Forged')
    expect(shown.stderr).toContain(`Item ${bad} is damaged`)
  })

  it('export skips a damaged item with a report and writes the rest, with every setting', async () => {
    const ids = await archiveWithArticles(archiveDir, dir, 3)
    await alterContent(ids[1])
    const out = join(dir, 'export.ndjson')
    const res = await cli(['--archive', archiveDir, 'export', '--format', 'ndjson', '--out', out])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain(`skipped item ${ids[1]}`)
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const header = lines[0]
    expect(header.settings).toMatchObject({
      tagColors: { syria: '#c0392b' },
      savedSearches: [{ name: 'raqa', query: 'raqa fighters' }],
      aliases: [['souleiman', 'sulaiman']],
    })
    expect(
      lines
        .slice(1)
        .map((l) => l.id)
        .sort(),
    ).toEqual([ids[0], ids[2]].sort())
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('export → import into an empty archive round-trips items and settings', async () => {
    const ids = await archiveWithArticles(archiveDir, dir, 3)
    const out = join(dir, 'export.json')
    expect((await cli(['--archive', archiveDir, 'export', '--out', out])).code).toBe(0)
    const second = join(dir, 'second')
    const imported = await cli(['--archive', second, '--create', 'import', out, '--json'])
    expect(imported.code).toBe(0)
    const archive = await openArchive(second, { importInWorker: false })
    try {
      expect(
        archive
          .list()
          .items.map((s) => s.id)
          .sort(),
      ).toEqual([...ids].sort())
      expect(archive.settings()).toMatchObject({
        tagColors: { syria: '#c0392b' },
        savedSearches: [{ name: 'raqa', query: 'raqa fighters' }],
        aliases: [['souleiman', 'sulaiman']],
      })
    } finally {
      await archive.close()
    }
  })
})
