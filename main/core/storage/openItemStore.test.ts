import { spawnSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArchiveVersionError } from './errors'
import { ArchiveLockedError, type ItemStore } from './itemStore'
import type { ItemRecord } from './itemRecord'
import { openItemStore } from './openItemStore'
import { fullArticle, fullPhotoItem, testIds } from './testItems'

let dir: string
const open: ItemStore[] = []

async function openTracked(at = dir): Promise<ItemStore> {
  const store = await openItemStore(at)
  open.push(store)
  return store
}

async function readJson<T>(...parts: string[]): Promise<T> {
  return JSON.parse(await fs.readFile(path.join(dir, ...parts), 'utf8')) as T
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

beforeEach(async () => {
  dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'morgue-open-')), 'archive')
})
afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  await fs.rm(path.dirname(dir), { recursive: true, force: true })
})

describe('openItemStore: layout and reopening', () => {
  it('creates the folder layout, and holds a lock with our pid until close', async () => {
    const store = await openTracked()
    expect((await fs.readdir(dir)).sort()).toEqual(
      ['archive.json', 'blobs', 'items', 'morgue.lock', 'tmp'].sort(),
    )
    expect(await readJson('archive.json')).toEqual({
      schemaVersion: 2,
      settings: { tagColors: {}, savedSearches: [], aliases: [] },
      shards: [],
    })
    expect(await readJson('morgue.lock')).toMatchObject({ pid: process.pid, host: os.hostname() })
    await store.close()
    await expect(fs.access(path.join(dir, 'morgue.lock'))).rejects.toThrow()
  })

  it('gives back items, summaries, hashes and settings after close and reopen', async () => {
    const first = await openTracked()
    const items = testIds(300).map((id, i) => (i % 3 ? fullArticle(id) : fullPhotoItem(id)))
    await first.put(items)
    await first.delete([items[0].id])
    await first.updateSettings((s) => void (s.aliases = [['souleiman', 'sulaiman']]))
    const summaries = [...first.summaries()]
    await first.close()

    const second = await openTracked()
    expect(second.size).toBe(299)
    expect([...second.summaries()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      summaries.sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect(await second.get(items[0].id)).toBeUndefined()
    expect(await second.get(items[1].id)).toEqual(items[1])
    expect(await second.get(items[3].id)).toEqual(items[3])
    expect(second.idByHash(items[5].contentHash)).toBe(items[5].id)
    expect(second.settings().aliases).toEqual([['souleiman', 'sulaiman']])
  })
})

describe('openItemStore: durability', () => {
  it('has every put, delete and settings change on disk before close', async () => {
    const store = await openTracked()
    const [a, b] = testIds(2, 7)
    const article = fullArticle(a, { body: ['Durable paragraph.'] })
    await store.put([article, fullArticle(b)])
    await store.put([{ ...article, tags: ['Edited'] }])
    await store.delete([b])
    await store.updateSettings((s) => void (s.tagColors['edited'] = '#123456'))

    // What a process opening the files now (after a crash) would see.
    const shard = await readJson<{ items: Record<string, ItemRecord> }>(
      'items',
      `${a.slice(0, 2)}.json`,
    )
    expect(shard.items[a].summary.tags).toEqual(['Edited'])
    expect(shard.items[b]).toBeUndefined()
    const content = await fs.readFile(store.blobPath(shard.items[a].content), 'utf8')
    expect(JSON.parse(content).body).toEqual(['Durable paragraph.'])
    expect((await readJson<{ settings: object }>('archive.json')).settings).toMatchObject({
      tagColors: { edited: '#123456' },
    })
  })

  it('opens a copy of the folder taken without closing (a crash) with nothing lost', async () => {
    const store = await openTracked()
    const items = testIds(50, 3).map((id) => fullArticle(id))
    await store.put(items)
    const copy = `${dir}-copy`
    await fs.cp(dir, copy, { recursive: true })
    await fs.rm(path.join(copy, 'morgue.lock')) // the copy is of a crashed process's folder

    const recovered = await openTracked(copy)
    expect(recovered.size).toBe(50)
    expect(await recovered.getMany(items.map((i) => i.id))).toEqual(items)
  })

  it('keeps the previous shard file and state when a write fails', async () => {
    const store = await openTracked()
    const [id] = testIds(1, 9)
    await store.put([fullArticle(id)])
    const shardFile = path.join(dir, 'items', `${id.slice(0, 2)}.json`)
    const before = await fs.readFile(shardFile, 'utf8')

    // Writes go through tmp/; a file in its place makes every write fail, even for root.
    await fs.rm(path.join(dir, 'tmp'), { recursive: true })
    await fs.writeFile(path.join(dir, 'tmp'), 'not a folder')
    await expect(store.put([fullArticle(id, { tags: ['Lost'] })])).rejects.toThrow()
    await expect(store.delete([id])).rejects.toThrow()

    expect(await fs.readFile(shardFile, 'utf8')).toBe(before)
    expect(store.summary(id)?.tags).toEqual(['Syria', 'Kurds'])
    expect(await store.get(id)).toEqual(fullArticle(id))

    await fs.rm(path.join(dir, 'tmp'))
    await fs.mkdir(path.join(dir, 'tmp'))
    await store.put([fullArticle(id, { tags: ['Saved'] })])
    expect(store.summary(id)?.tags).toEqual(['Saved'])
  })

  it('removes temp files of unfinished writes at open and ignores strangers in items/', async () => {
    const store = await openTracked()
    await store.put([fullArticle('0123456789abcdef')])
    await store.close()
    await fs.writeFile(path.join(dir, 'tmp', '01.json.4242.1.tmp'), '{"items":{')
    await fs.writeFile(path.join(dir, 'items', '01.json.tmp'), 'half')
    await fs.writeFile(path.join(dir, 'items', 'notes.txt'), 'hello')

    const reopened = await openTracked()
    expect(await fs.readdir(path.join(dir, 'tmp'))).toEqual([])
    expect(reopened.size).toBe(1)
  })

  it('writes a blob once: the same bytes again leave the file as it was', async () => {
    const store = await openTracked()
    const bytes = Buffer.from('JPEG bytes of a photo')
    const ref = await store.putBlob(bytes, 'image/jpeg')
    const file = store.blobPath(ref.sha256)
    const stat = await fs.stat(file)
    await store.putBlob(bytes, 'image/jpeg', 'copy.jpg')
    expect((await fs.stat(file)).ino).toBe(stat.ino)
    expect(await fs.readFile(file)).toEqual(bytes)
    expect(await fs.readdir(path.dirname(file))).toEqual([ref.sha256])
  })

  it('writes blobs side by side, each durable and whole; close waits for those in flight', async () => {
    const store = await openItemStore(dir)
    const many = Array.from({ length: 12 }, (_, i) => Buffer.alloc(200_000 + i, i))
    const refs = await Promise.all(many.map((b) => store.putBlob(b, 'image/jpeg')))
    for (const [i, ref] of refs.entries()) {
      expect(await store.readBlob(ref.sha256)).toEqual(many[i])
    }
    const last = Buffer.from('written while the archive closes')
    const pending = store.putBlob(last, 'text/plain')
    await store.close()
    const ref = await pending
    expect(await fs.readFile(store.blobPath(ref.sha256))).toEqual(last)
    expect(await fs.readdir(path.join(dir, 'tmp'))).toEqual([])
  })

  it('stores bytes under the hash a caller (an import worker) already computed', async () => {
    const store = await openTracked()
    const bytes = Buffer.from('photo hashed in a worker')
    const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')
    const ref = await store.putBlob(bytes, 'image/jpeg', 'p.jpg', sha)
    expect(ref).toEqual({ sha256: sha, mime: 'image/jpeg', bytes: bytes.length, fileName: 'p.jpg' })
    expect(await store.readBlob(sha)).toEqual(bytes)
  })
})

describe('openItemStore: one writer', () => {
  it('refuses a second open of the same archive, naming the holder', async () => {
    await openTracked()
    const second = openItemStore(dir)
    await expect(second).rejects.toBeInstanceOf(ArchiveLockedError)
    await expect(second).rejects.toThrow(`open in another Morgue process (pid ${process.pid})`)
  })

  it('takes over a lock left by a process that has died', async () => {
    await fs.mkdir(dir, { recursive: true })
    const stale = { pid: deadPid(), host: os.hostname(), startedAt: '2026-01-01T00:00:00Z' }
    await fs.writeFile(path.join(dir, 'morgue.lock'), JSON.stringify(stale))

    await openTracked()
    expect(await readJson('morgue.lock')).toMatchObject({ pid: process.pid })
  })

  it('respects the lock of another live process on this host', async () => {
    await fs.mkdir(dir, { recursive: true })
    const live = { pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString() }
    await fs.writeFile(path.join(dir, 'morgue.lock'), JSON.stringify(live))
    await expect(openItemStore(dir)).rejects.toThrow(`(pid ${process.ppid})`)
  })

  it('takes over a lock written before the last boot, even if its pid runs now', async () => {
    await fs.mkdir(dir, { recursive: true })
    const beforeBoot = new Date(Date.now() - os.uptime() * 1000 - 3_600_000).toISOString()
    const old = { pid: process.ppid, host: os.hostname(), startedAt: beforeBoot }
    await fs.writeFile(path.join(dir, 'morgue.lock'), JSON.stringify(old))
    await openTracked()
    expect(await readJson('morgue.lock')).toMatchObject({ pid: process.pid })
  })

  it('takes over a lock with our own pid that this process never took (a previous life)', async () => {
    await fs.mkdir(dir, { recursive: true })
    const previous = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() }
    await fs.writeFile(path.join(dir, 'morgue.lock'), JSON.stringify(previous))
    const store = await openTracked()
    await expect(openItemStore(dir)).rejects.toBeInstanceOf(ArchiveLockedError)
    await store.close()
  })

  it('takes over an unreadable lock file once it is not fresh', async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'morgue.lock'), '')
    // Fresh, it may be a lock being written on a file system without hard links.
    await expect(openItemStore(dir)).rejects.toBeInstanceOf(ArchiveLockedError)
    const minuteAgo = new Date(Date.now() - 60_000)
    await fs.utimes(path.join(dir, 'morgue.lock'), minuteAgo, minuteAgo)
    await openTracked()
    expect(await readJson('morgue.lock')).toMatchObject({ pid: process.pid })
  })

  it('respects a lock from another computer (its process cannot be checked)', async () => {
    await fs.mkdir(dir, { recursive: true })
    const other = { pid: deadPid(), host: `not-${os.hostname()}`, startedAt: '2026-01-01' }
    await fs.writeFile(path.join(dir, 'morgue.lock'), JSON.stringify(other))
    await expect(openItemStore(dir)).rejects.toBeInstanceOf(ArchiveLockedError)
  })

  it('releases the lock when opening fails', async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'archive.json'), '{"schemaVersion": 3, "settings": {}}')
    await expect(openItemStore(dir)).rejects.toBeInstanceOf(ArchiveVersionError)
    await expect(fs.access(path.join(dir, 'morgue.lock'))).rejects.toThrow()
  })
})

describe('openItemStore: damaged and foreign archives', () => {
  it('opens the rest when a shard is not JSON, reports it and keeps the file as it was', async () => {
    const store = await openTracked()
    const items = testIds(40, 5).map((id) => fullArticle(id))
    await store.put(items)
    await store.close()
    const name = (await fs.readdir(path.join(dir, 'items'))).sort()[0]
    const shard = path.join(dir, 'items', name)
    await fs.writeFile(shard, '{"items": {"01234')

    const reopened = await openTracked()
    expect(reopened.damage?.()).toEqual([
      expect.objectContaining({ kind: 'shard-damaged', file: shard, shard: name.slice(0, 2) }),
    ])
    expect(reopened.damage?.()[0].detail).toMatch(/^not valid JSON/)
    const inOthers = items.filter((i) => i.id.slice(0, 2) !== name.slice(0, 2))
    expect(reopened.size).toBe(inOthers.length)
    expect(await reopened.get(inOthers[0].id)).toEqual(inOthers[0])
    // A write to the damaged shard is refused: it would replace the file with a partial copy.
    const lost = items.find((i) => i.id.slice(0, 2) === name.slice(0, 2))!
    await expect(reopened.put([lost])).rejects.toThrow(`The archive file ${shard} is damaged`)
    await reopened.put([{ ...inOthers[0], tags: ['still writable'] }])
    expect(await fs.readFile(shard, 'utf8')).toBe('{"items": {"01234')
  })

  it('reports a shard that holds no item table', async () => {
    const store = await openTracked()
    await store.put([fullArticle('0123456789abcdef')])
    await store.close()
    const shard = path.join(dir, 'items', '01.json')
    await fs.writeFile(shard, 'null')
    const reopened = await openTracked()
    expect(reopened.damage?.()).toEqual([
      { kind: 'shard-damaged', file: shard, shard: '01', detail: 'no item table' },
    ])
  })

  it('reports a shard whose records are damaged', async () => {
    const store = await openTracked()
    const [id] = testIds(1, 11)
    await store.put([fullArticle(id)])
    await store.close()
    const shard = path.join(dir, 'items', `${id.slice(0, 2)}.json`)
    const data = JSON.parse(await fs.readFile(shard, 'utf8'))
    delete data.items[id].content
    await fs.writeFile(shard, JSON.stringify(data))

    const reopened = await openTracked()
    expect(reopened.damage?.()[0]).toMatchObject({
      kind: 'shard-damaged',
      file: shard,
      detail: `item ${id} has no content reference`,
    })
  })

  it('notices a deleted shard: the shard list says it should be there', async () => {
    const store = await openTracked()
    const items = testIds(20, 3).map((id) => fullArticle(id))
    await store.put(items)
    await store.close()
    expect((await readJson<{ shards: string[] }>('archive.json')).shards).toEqual(
      [...new Set(items.map((i) => i.id.slice(0, 2)))].sort(),
    )
    const key = items[0].id.slice(0, 2)
    await fs.rm(path.join(dir, 'items', `${key}.json`))
    const reopened = await openTracked()
    expect(reopened.damage?.()).toEqual([
      expect.objectContaining({ kind: 'shard-missing', shard: key }),
    ])
    await expect(reopened.put([items[0]])).rejects.toThrow(/is damaged/)
  })

  it('notices a deleted settings file instead of silently resetting the settings', async () => {
    const store = await openTracked()
    await store.put([fullArticle('0123456789abcdef')])
    await store.updateSettings((s) => void (s.aliases = [['souleiman', 'sulaiman']]))
    await store.close()
    await fs.rm(path.join(dir, 'archive.json'))
    const reopened = await openTracked()
    expect(reopened.damage?.()).toEqual([
      expect.objectContaining({ kind: 'settings-missing', file: path.join(dir, 'archive.json') }),
    ])
    expect(reopened.size).toBe(1)
    await expect(reopened.updateSettings((s) => void (s.aliases = []))).rejects.toThrow(
      /archive\.json is damaged/,
    )
    await expect(fs.access(path.join(dir, 'archive.json'))).rejects.toThrow()
  })

  it('names the missing body file when an item is read', async () => {
    const store = await openTracked()
    const [id] = testIds(1, 13)
    await store.put([fullArticle(id)])
    const shard = await readJson<{ items: Record<string, ItemRecord> }>(
      'items',
      `${id.slice(0, 2)}.json`,
    )
    const blob = store.blobPath(shard.items[id].content)
    await fs.rm(blob)
    await expect(store.get(id)).rejects.toMatchObject({
      name: 'DamagedContentError',
      itemId: id,
      field: 'content',
      file: blob,
      damage: 'missing',
    })
    await expect(store.get(id)).rejects.toThrow(
      `Item ${id} is damaged: its text (${blob}) is missing`,
    )
  })

  it('refuses an archive from a newer Morgue with a clear message', async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'archive.json'), '{"schemaVersion": 7, "settings": {}}')
    await expect(openItemStore(dir)).rejects.toThrow(
      `The archive at ${dir} has format version 7, but this Morgue reads versions up to 2. Update Morgue to open it.`,
    )
  })

  it('reports a settings file that is not JSON and leaves it for repair', async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'archive.json'), '{"schemaVersion": 2,')
    const store = await openTracked()
    expect(store.damage?.()).toEqual([
      expect.objectContaining({ kind: 'settings-damaged', file: path.join(dir, 'archive.json') }),
    ])
    expect(await fs.readFile(path.join(dir, 'archive.json'), 'utf8')).toBe('{"schemaVersion": 2,')
  })
})

describe('openItemStore: migration from version 1', () => {
  it('upgrades a single-file version-1 archive and keeps the old file as a backup', async () => {
    const items = [fullArticle('0123456789abcdef'), fullPhotoItem('fedcba9876543210')]
    const v1 = {
      schemaVersion: 1,
      items,
      settings: { tagColors: { syria: '#c0392b' }, savedSearches: [], aliases: [['a', 'b']] },
    }
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'db.json'), JSON.stringify(v1))

    const store = await openTracked()
    expect(store.size).toBe(2)
    expect(await store.getMany(items.map((i) => i.id))).toEqual(items)
    expect(store.idByHash(items[1].contentHash)).toBe(items[1].id)
    expect(store.settings()).toEqual(v1.settings)
    expect(await readJson('archive.json')).toMatchObject({ schemaVersion: 2 })
    expect(await readJson('db.v1-backup.json')).toEqual(v1)
    await expect(fs.access(path.join(dir, 'db.json'))).rejects.toThrow()

    await store.close()
    const reopened = await openTracked()
    expect(await reopened.get(items[0].id)).toEqual(items[0])
  })

  it('finishes a version-1 migration that was cut off before its commit point', async () => {
    const items = testIds(20, 17).map((id) => fullArticle(id))
    await fs.mkdir(path.join(dir, 'items'), { recursive: true })
    await fs.writeFile(path.join(dir, 'db.json'), JSON.stringify({ schemaVersion: 1, items }))
    // A crashed first attempt: one shard written with a partial item table.
    const [first] = items
    await fs.writeFile(path.join(dir, 'items', `${first.id.slice(0, 2)}.json`), '{"items":{}}')

    const store = await openTracked()
    expect(store.size).toBe(20)
    expect(await store.getMany(items.map((i) => i.id))).toEqual(items)
  })
})
