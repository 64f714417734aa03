import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'
import { writeWireVersions } from './wireVersions'

let dir: string
let cleanup: () => Promise<void>
let archive: Archive
let ids: { bbc: string; ap: string; reuters: string; other: string }

async function importVersions(a: Archive): Promise<typeof ids> {
  const files = join(dir, 'files')
  await mkdir(files, { recursive: true })
  const paths = await writeWireVersions(files)
  const report = await a.importPaths(paths)
  expect(report.imported).toBe(4)
  const [bbc, ap, reuters, other] = report.outcomes.map((o) => o.ids[0])
  return { bbc, ap, reuters, other }
}

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'), { importInWorker: false })
  ids = await importVersions(archive)
})
afterEach(async () => {
  await archive.close()
  await cleanup()
})

describe('near-duplicate clusters in the archive', () => {
  it('groups the three versions, not the distinct story, and lists them by similarity', async () => {
    const found = await archive.similar(ids.bbc)
    expect(found.items.map((m) => m.source)).toEqual(['AP', 'Reuters'])
    expect(found.items[0].similarity).toBeGreaterThan(found.items[1].similarity)
    expect(found.cluster).toBe([ids.bbc, ids.ap, ids.reuters].sort()[0])
    expect((await archive.similar(ids.other)).items).toEqual([])
    await expect(archive.similar('0000000000000000')).rejects.toThrow(/No item with id/)
  })

  it('shows one row per cluster with the others’ outlets, and says how many it folded', async () => {
    const result = await archive.search('TimeWarner profits', { collapse: true })
    expect(result.total).toBe(3)
    expect(result.hits).toHaveLength(1)
    expect(result.collapsed).toEqual({ hidden: 2, nextOffset: 3 })
    const cluster = result.hits[0].cluster!
    expect(cluster.size).toBe(3)
    expect(cluster.folded).toBe(2)
    expect(cluster.others.map((m) => m.source).sort()).toEqual(
      ['AP', 'BBC News', 'Reuters'].filter((s) => s !== result.hits[0].source),
    )
    // Without collapse every version is a hit, each told its cluster.
    const plain = await archive.search('TimeWarner profits')
    expect(plain.hits).toHaveLength(3)
    expect(plain.hits.every((h) => h.cluster?.size === 3)).toBe(true)
    expect(plain.collapsed).toBeUndefined()
  })

  it('pages through collapsed results without skipping or repeating a hit', async () => {
    const seen: string[] = []
    let hidden = 0
    let offset = 0
    for (let page = 0; page < 10; page++) {
      const r = await archive.search('type:article', { collapse: true, limit: 1, offset })
      if (r.hits.length === 0) break
      seen.push(...r.hits.map((h) => h.id))
      hidden += r.collapsed!.hidden
      offset = r.collapsed!.nextOffset
      if (offset >= r.total) break
    }
    expect(seen).toHaveLength(2)
    expect(seen).toContain(ids.other)
    expect(seen.length + hidden).toBe(4)
  })

  it('answers similar:ID with the cluster, and an unknown id with a positioned error', async () => {
    const q = `similar:${ids.ap}`
    const members = await archive.search(q, { collapse: true })
    expect(members.hits.map((h) => h.id).sort()).toEqual([ids.bbc, ids.ap, ids.reuters].sort())
    const narrowed = await archive.search(`${q} source:reuters`)
    expect(narrowed.hits.map((h) => h.id)).toEqual([ids.reuters])
    expect((await archive.search(`similar:${ids.other}`)).hits.map((h) => h.id)).toEqual([
      ids.other,
    ])
    const unknown = await archive.search('profits similar:0123456789abcdef')
    expect(unknown.hits).toEqual([])
    expect(unknown.total).toBe(0)
    expect(unknown.error).toMatchObject({ message: 'No item with id 0123456789abcdef.' })
    expect('profits similar:0123456789abcdef'.slice(unknown.error!.start, unknown.error!.end)).toBe(
      '0123456789abcdef',
    )
    const malformed = await archive.search('similar:"a b"')
    expect(malformed.error?.message).toMatch(/similar:.*needs an item id/)
  })

  it('updates clusters on edit and delete, and keeps them after reopening', async () => {
    await archive.setNotes(ids.ap, 'checked against the wire') // same body: same cluster
    expect((await archive.similar(ids.bbc)).items).toHaveLength(2)
    await archive.delete([ids.reuters])
    expect((await archive.similar(ids.bbc)).items.map((m) => m.id)).toEqual([ids.ap])
    await archive.close()
    archive = await openArchive(join(dir, 'archive'), { importInWorker: false })
    expect((await archive.similar(ids.ap)).items.map((m) => m.id)).toEqual([ids.bbc])
    await archive.delete([ids.bbc])
    expect((await archive.similar(ids.ap)).items).toEqual([])
    expect((await archive.search('TimeWarner', { collapse: true })).hits[0].cluster).toBeUndefined()
  })

  it('signs the articles of an archive that has no near-duplicate index yet', async () => {
    await archive.close()
    await rm(join(dir, 'archive', 'similar'), { recursive: true, force: true })
    archive = await openArchive(join(dir, 'archive'), { importInWorker: false })
    await vi.waitFor(async () => expect((await archive.similar(ids.bbc)).items).toHaveLength(2))
  })
})

describe('morgue similar', () => {
  it('lists the near duplicates, as text and as JSON, and refuses an unknown id', async () => {
    await archive.close()
    const archiveDir = join(dir, 'archive')
    const text = await cli(['--archive', archiveDir, 'similar', ids.bbc])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`${ids.ap}  `)
    expect(text.stdout).toContain('(Reuters)')
    expect(text.stdout).toContain(`2 near duplicates of ${ids.bbc}`)
    const json = await cli(['--archive', archiveDir, 'similar', ids.other, '--json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({ id: ids.other, cluster: null, items: [] })
    const search = await cli(['--archive', archiveDir, 'search', 'TimeWarner'])
    expect(search.stdout).toMatch(/\+2 similar \((AP|BBC News|Reuters), (AP|BBC News|Reuters)\)/)
    const unknown = await cli(['--archive', archiveDir, 'similar', 'ffffffffffffffff'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No item with id ffffffffffffffff.')
    expect((await cli(['--archive', archiveDir, 'similar'])).code).toBe(2)
    archive = await openArchive(archiveDir, { importInWorker: false })
  })
})

describe('the bridge for near duplicates', () => {
  it('checks similar() and collapse over IPC and answers through the handlers', async () => {
    const { guards, GuardError } = await import('../../main/ipc/guards')
    const { createHandlers } = await import('../../main/ipc/handlers')
    expect(guards.similar([ids.bbc])).toEqual([ids.bbc])
    expect(() => guards.similar(['../etc'])).toThrow(GuardError)
    expect(guards.search(['x', { collapse: true }])).toEqual(['x', { collapse: true }])
    // Cluster members are the archive's to resolve, never the caller's.
    expect(() => guards.search(['x', { similar: { a: ['b'] } }])).toThrow(GuardError)
    const api = createHandlers(archive, { emit: () => undefined })
    const reply = await api.similar(ids.reuters)
    expect(reply.ok && reply.value.items.map((m) => m.id).sort()).toEqual([ids.bbc, ids.ap].sort())
    expect(await api.similar('ffffffffffffffff')).toEqual({
      ok: false,
      reason: 'No item with id ffffffffffffffff.',
    })
  })
})
