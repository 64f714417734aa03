import { afterAll, describe, expect, it } from 'vitest'
import { startPouchServer, type PouchServer } from './pouchServer'
import { generatedArticle, openDesktop, searchIds, type Desktop } from './syncFixture'

let server: PouchServer | undefined
const open: Desktop[] = []

afterAll(async () => {
  while (open.length) await open.pop()!.close()
  await server?.close()
})

describe('10,000 items', () => {
  it(
    'a 10,000-item archive reaches a second desktop whole; later runs move only what changed',
    { timeout: 600_000 },
    async () => {
      server = await startPouchServer()
      const a = await openDesktop(server, 'a', {}, 'ten-thousand')
      const b = await openDesktop(server, 'b', {}, 'ten-thousand')
      open.push(a, b)
      const all = Array.from({ length: 10_000 }, (_, i) => generatedArticle(i + 1))
      for (let i = 0; i < all.length; i += 2_000) await a.archive.restore(all.slice(i, i + 2_000))

      expect((await a.sync.once()).pushed).toBe(
        10_000 + Object.keys(a.sync.state.data.docs).filter((d) => d.startsWith('setting:')).length,
      )
      const first = await b.sync.once()
      expect(b.archive.list().total).toBe(10_000)
      expect(first.pulled).toBeGreaterThanOrEqual(10_000)
      expect(await searchIds(b.archive, 'w7777x')).toEqual([generatedArticle(7777).id])

      const again = await b.sync.once()
      expect([again.pulled, again.pushed]).toEqual([0, 0])
      await a.archive.addTags([generatedArticle(42).id], ['Checked'])
      expect((await a.sync.once()).pushed).toBe(1)
      expect((await b.sync.once()).pulled).toBe(1)
      expect(await searchIds(b.archive, 'tag:checked')).toEqual([generatedArticle(42).id])
    },
  )
})
