import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { SEED_QUERIES } from '../../main/core/search/testing/seedArticle'
import { corpora, seedFile, tempDir } from '../helpers'

// The seed article among real BBC articles, found through the same core call the UI and CLI use.
let archive: Archive
let seedId: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  const t = await tempDir()
  cleanup = t.cleanup
  archive = await openArchive(join(t.dir, 'archive'))
  const report = await archive.importPaths([seedFile, join(corpora, 'bbc-news', 'bbc', 'politics')])
  expect(report.failed).toBe(0)
  seedId = report.outcomes[0].ids[0]
})
afterAll(async () => {
  await archive.close()
  await cleanup()
})

describe('the seed article is found by', () => {
  it.each([...SEED_QUERIES, 'Sulaiman'])('%s', async (query) => {
    const result = await archive.search(query)
    expect(result.error).toBeUndefined()
    expect(result.hits.map((h) => h.id)).toContain(seedId)
  })

  it('souleiman as a photo hit carrying its caption and credit', async () => {
    const { hits } = await archive.search('souleiman')
    const photo = hits.find((h) => h.kind === 'photo' && h.id === seedId)
    expect(photo).toMatchObject({
      kind: 'photo',
      credit: { photographer: 'Delil Souleiman', agency: 'AFP' },
    })
    expect(photo?.kind === 'photo' && photo.caption).toMatch(/^Armed men in uniform/)
  })
})

describe('the seed article is not found by', () => {
  it.each(['-iran iran', 'agency:reuters souleiman', 'type:photo "wrong American policies"'])(
    '%s',
    async (query) => {
      const result = await archive.search(query)
      expect(result.hits.map((h) => h.id)).not.toContain(seedId)
    },
  )
})

it('facets count the AFP photo', async () => {
  const { facets } = await archive.search('raqa')
  expect(facets.agency.find((f) => f.value.toLowerCase() === 'afp')?.count).toBeGreaterThan(0)
})
