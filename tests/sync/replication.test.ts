import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startPouchServer, type PouchServer } from './pouchServer'
import { addStory, openDesktop, searchIds, type Desktop } from './syncFixture'

let server: PouchServer
const open: Desktop[] = []

beforeAll(async () => {
  server = await startPouchServer()
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

async function desktops(db: string): Promise<[Desktop, Desktop]> {
  const a = await openDesktop(server, 'a', {}, db)
  const b = await openDesktop(server, 'b', {}, db)
  open.push(a, b)
  return [a, b]
}

describe('two archives sync through a CouchDB server', () => {
  it('sends items, tags, tag colours, saved searches and aliases both ways; search finds them', async () => {
    const [a, b] = await desktops('both-ways')
    const flood = await addStory(
      a.archive,
      'Flood waters rise in Koblenz',
      'The Rhine burst its banks.',
    )
    await a.archive.addTags([flood], ['Rhine'])
    await a.archive.setTagColor('Rhine', '#1f77b4')
    await a.archive.saveSearch({ name: 'Floods', query: 'flood' })
    const quake = await addStory(
      b.archive,
      'Earthquake shakes Izmir',
      'Buildings collapsed overnight.',
    )
    await b.archive.setAliases([['Izmir', 'Smyrna']])

    const first = await a.sync.once()
    expect(first.pushed).toBeGreaterThanOrEqual(3)
    await b.sync.once()
    await a.sync.once()

    for (const d of [a, b]) {
      expect((await d.archive.get(flood))?.tags).toEqual(['Rhine'])
      expect((await d.archive.get(quake))?.title).toBe('Earthquake shakes Izmir')
      expect(d.archive.tags().find((t) => t.name === 'Rhine')?.color).toBe('#1f77b4')
      expect(d.archive.savedSearches()).toEqual([{ name: 'Floods', query: 'flood' }])
      expect(d.archive.aliases()).toEqual([['Izmir', 'Smyrna']])
      expect(await searchIds(d.archive, 'koblenz')).toEqual([flood])
      // The alias came along and is applied at query time on both desktops.
      expect(await searchIds(d.archive, 'smyrna')).toEqual([quake])
    }
    expect(b.archive.list().total).toBe(2)
    // Nothing new on either side: a second run moves nothing.
    expect((await a.sync.once()).pulled).toBe(0)
    expect((await b.sync.once()).pushed).toBe(0)
  })

  it('keyword lists (vocabularies) and other settings come along by key', async () => {
    const [a, b] = await desktops('vocabularies')
    await a.archive.importVocabulary(
      new TextEncoder().encode('Politics\n\tElections\nWeather\n\tFloods\n'),
      'desk-keywords.txt',
    )
    await a.sync.once()
    await b.sync.once()
    expect(b.archive.vocabularyLists().map((l) => [l.name, l.terms])).toEqual(
      a.archive.vocabularyLists().map((l) => [l.name, l.terms]),
    )
    expect(b.archive.vocabularyLists()).toHaveLength(1)
  })

  it('live: an edit on one desktop reaches the other by itself; paused, nothing moves until resumed', async () => {
    const [a, b] = await desktops('live')
    const id = await addStory(a.archive, 'Airport strike called off', 'Flights resume.')
    a.sync.startLive()
    b.sync.startLive()
    await expect.poll(() => searchIds(b.archive, 'airport'), { timeout: 30_000 }).toEqual([id])
    await a.archive.addTags([id], ['Travel'])
    await expect.poll(() => searchIds(b.archive, 'tag:travel'), { timeout: 30_000 }).toEqual([id])

    b.sync.pause()
    expect(b.sync.current().state).toBe('paused')
    await a.archive.addTags([id], ['Aviation'])
    await expect.poll(async () => (await a.sync.once()).pushed, { timeout: 30_000 }).toBe(0)
    expect((await b.archive.get(id))?.tags).toEqual(['Travel'])
    b.sync.resume()
    await expect.poll(() => searchIds(b.archive, 'tag:aviation'), { timeout: 30_000 }).toEqual([id])
  })

  it('merges tag sets edited offline on both sides, keeping a removal', async () => {
    const [a, b] = await desktops('tags-merge')
    const id = await addStory(a.archive, 'Harbour strike enters second week', 'Dockers walked out.')
    await a.archive.addTags([id], ['Strike', 'Old'])
    await a.sync.once()
    await b.sync.once()
    // Offline: A adds "Ports" and removes "Old"; B adds "Labour".
    await a.archive.addTags([id], ['Ports'])
    await a.archive.removeTags([id], ['Old'])
    await b.archive.addTags([id], ['Labour'])
    await a.sync.once()
    await b.sync.once()
    await a.sync.once()
    for (const d of [a, b]) {
      expect(new Set((await d.archive.get(id))?.tags)).toEqual(
        new Set(['Strike', 'Ports', 'Labour']),
      )
      expect(await searchIds(d.archive, 'tag:labour')).toEqual([id])
    }
  })

  it('a note edited on both sides: the newest wins, the other is a conflict both desktops see', async () => {
    let clock = Date.parse('2026-12-03T10:00:00Z')
    const now = () => new Date(clock)
    const a = await openDesktop(server, 'a', { now }, 'notes-conflict')
    const b = await openDesktop(server, 'b', { now }, 'notes-conflict')
    open.push(a, b)
    const id = await addStory(a.archive, 'Minister resigns', 'The minister stepped down.')
    await a.sync.once()
    await b.sync.once()
    await a.archive.setNotes(id, 'Check the date with the desk.')
    clock += 60_000
    await a.sync.once()
    await b.archive.setNotes(id, 'Confirmed by two sources.')
    clock += 60_000
    const report = await b.sync.once()
    expect(report.conflicts).toBe(1)
    await a.sync.once()
    for (const d of [a, b]) {
      expect((await d.archive.get(id))?.notes).toBe('Confirmed by two sources.')
      const list = Object.values(d.sync.state.data.docs).flatMap((s) => s.conflicts ?? [])
      expect(list).toMatchObject([
        { ref: id, field: 'notes', other: 'Check the date with the desk.' },
      ])
    }
  })

  it('a delete on one side and an edit on the other keeps the edit and says so', async () => {
    const [a, b] = await desktops('delete-edit')
    const id = await addStory(
      a.archive,
      'Bridge closed after crack found',
      'Engineers inspected it.',
    )
    await a.sync.once()
    await b.sync.once()
    await a.archive.delete([id])
    await b.archive.addTags([id], ['Infrastructure'])
    await a.sync.once()
    await b.sync.once()
    await a.sync.once()
    for (const d of [a, b]) {
      expect((await d.archive.get(id))?.tags).toEqual(['Infrastructure'])
      const list = Object.values(d.sync.state.data.docs).flatMap((s) => s.conflicts ?? [])
      expect(list.map((c) => c.field)).toEqual(['deleted'])
    }
    expect(await searchIds(a.archive, 'bridge')).toEqual([id])
  })

  it('a delete with no edit elsewhere reaches the other desktop and leaves its search', async () => {
    const [a, b] = await desktops('delete')
    const id = await addStory(a.archive, 'Storm warning lifted', 'The coast is clear.')
    await a.sync.once()
    await b.sync.once()
    expect(await searchIds(b.archive, 'storm')).toEqual([id])
    await a.archive.delete([id])
    await a.sync.once()
    const report = await b.sync.once()
    expect(report.deleted).toBe(1)
    expect(await b.archive.get(id)).toBeUndefined()
    expect(await searchIds(b.archive, 'storm')).toEqual([])
  })
})
