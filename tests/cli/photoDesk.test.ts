import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchResult } from '../../main/core/search/types'
import { FLOOD_MD } from '../photoDeskFixture'
import { cli, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
let id: string
const run = (...args: string[]) => cli(['--archive', join(dir, 'archive'), ...args])

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeFile(join(dir, 'flood.md'), FLOOD_MD)
  const res = await run('import', join(dir, 'flood.md'), '--json')
  expect(res.code).toBe(0)
  id = JSON.parse(res.stdout).outcomes[0].ids[0]
})
afterEach(async () => {
  await cleanup()
})

async function search(q: string): Promise<SearchResult> {
  const res = await run('search', q, '--json')
  expect(res.code).toBe(0)
  return JSON.parse(res.stdout) as SearchResult
}

describe('photo refs on the command line', () => {
  it('gives every search hit a ref that show accepts', async () => {
    const result = await search('title:rhine')
    expect(result.hits).toHaveLength(4) // the article and each of its three photos
    for (const hit of result.hits) {
      expect(hit.ref).toBe(hit.kind === 'photo' ? `${hit.id}/${hit.photoId}` : hit.id)
      const shown = await run('show', hit.ref, '--json')
      expect(shown.code).toBe(0)
      expect(JSON.parse(shown.stdout)).toHaveProperty(hit.kind === 'photo' ? 'photo' : 'body')
    }
  })

  it('shows one photo in words: its article, credit and tags', async () => {
    const shown = await run('show', `${id}/p1`)
    expect(shown.stdout).toContain(`${id}/p1  photo in “Flood waters rise in the Rhine valley”`)
    expect(shown.stdout).toContain('credit:  Kevin Frayer / AFP')
  })

  it('tags and untags a photo inside an article, found by tag: as a hit of its own', async () => {
    const tagged = await run('tag', `${id}/p2`, 'Street scenes', 'Koblenz')
    expect(tagged).toMatchObject({ code: 0, stdout: `${id}/p2: Street scenes, Koblenz\n` })
    expect((await search('tag:koblenz')).hits.map((h) => h.ref)).toEqual([`${id}/p2`])
    const untagged = await run('untag', `${id}/p2`, 'koblenz')
    expect(untagged.stdout).toBe(`${id}/p2: Street scenes\n`)
    expect((await search('tag:koblenz')).hits).toEqual([])
  })

  it('prints a credit as JSON and corrects it so that search finds the new photographer', async () => {
    const before = await run('credit', `${id}/p1`)
    expect(before.code).toBe(0)
    expect(JSON.parse(before.stdout)).toMatchObject({
      ref: `${id}/p1`,
      credit: { raw: 'KEVIN FRAYER/AFP via Getty Images', photographer: 'Kevin Frayer' },
      edited: null,
    })
    const after = await run(
      'credit',
      `${id}/p1`,
      '--photographer',
      'Ed Jones',
      '--photographer',
      'Kevin Frayer',
      '--agency',
      'AFP',
      '--via',
      'Getty Images',
    )
    expect(after.code).toBe(0)
    expect(JSON.parse(after.stdout)).toMatchObject({
      credit: { photographer: 'Ed Jones; Kevin Frayer', agency: 'AFP', via: ['Getty Images'] },
      edited: { fields: ['photographer', 'agency', 'via'] },
    })
    // The photo is a hit of its own; its article, which carries its credits, is another.
    const found = (await search('photographer:"ed jones"')).hits.map((h) => h.ref)
    expect(found.sort()).toEqual([id, `${id}/p1`])
    // Re-importing the same file leaves the correction in place.
    await run('import', join(dir, 'flood.md'))
    const kept = JSON.parse((await run('credit', `${id}/p1`)).stdout)
    expect(kept.credit.photographer).toBe('Ed Jones; Kevin Frayer')
  })

  it('prints the caption with its credit in each style and in a template', async () => {
    const line = async (...style: string[]) => {
      const res = await run('credit-line', `${id}/p0`, ...style)
      expect(res.code).toBe(0)
      return res.stdout.trim()
    }
    const caption = 'Rescue workers carry a resident through flood water in Koblenz.'
    expect(await line('--style', 'german')).toBe(`${caption} Foto: Thomas Frey/dpa`)
    expect(await line('--style', 'ap')).toBe(`${caption} (Thomas Frey/dpa)`)
    expect(await line('--style', 'guardian')).toBe(`${caption} Photograph: Thomas Frey/dpa`)
    expect(await line('--style', '{photographer} for {agency}: {caption}')).toBe(
      `Thomas Frey for dpa: ${caption}`,
    )
    // The saved style is the default.
    expect((await run('credit-style', 'afp')).stdout).toBe('afp\n')
    expect(await line()).toBe(`${caption} Thomas Frey / dpa`)
  })

  it('says clearly what is wrong with a bad ref or style, with a non-zero exit', async () => {
    const article = await run('credit', id)
    expect(article.code).toBe(1)
    expect(article.stderr).toContain(`is an article; its photos are ${id}/p0, ${id}/p1, ${id}/p2`)
    const missing = await run('credit', `${id}/p9`)
    expect(missing).toMatchObject({ code: 1, stderr: `morgue: ${id} has no photo p9.\n` })
    const style = await run('credit-line', `${id}/p0`, '--style', 'bbc')
    expect(style.code).toBe(2)
    expect(style.stderr).toContain('“bbc” is not a style')
    const badName = await run('credit', `${id}/p0`, '--photographer', 'A; B')
    expect(badName.code).toBe(1)
    expect(badName.stderr).toContain('cannot contain “;”')
  })

  it('writes via, for and the saved style’s credit line into the photo-desk CSV', async () => {
    await run('credit-style', 'guardian')
    await run('credit', `${id}/p1`, '--via', 'Getty Images', '--for', 'The Guardian')
    const csv = join(dir, 'photos.csv')
    expect((await run('export', '--format', 'csv', '--out', csv)).code).toBe(0)
    const text = await readFile(csv, 'utf8')
    const rows = text.trim().split('\r\n')
    const header = rows[0].split(',')
    const row = rows.find((r) => r.includes(`${id}/p1`))!.split(',')
    expect(row[header.indexOf('via')]).toBe('Getty Images')
    expect(row[header.indexOf('for')]).toBe('The Guardian')
    expect(row[header.indexOf('credit_line')]).toBe(
      'Photograph: Kevin Frayer/AFP for The Guardian/Getty Images',
    )
    expect(row[header.indexOf('edited')]).toBe('yes')
  })
})
