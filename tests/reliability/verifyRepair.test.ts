import { readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openArchive } from '../../main/core/openArchive'
import type { RepairReport, VerifyReport } from '../../main/core/integrity/verifyReport'
import { cli, tempDir } from '../helpers'
import { archiveWithArticles, blobFile, recordsOnDisk } from './fixtures'

let dir: string
let archiveDir: string
let backups: string
let cleanup: () => Promise<void>
const morgue = (...args: string[]) => cli(['--archive', archiveDir, ...args])

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-repair-'))
  archiveDir = join(dir, 'archive')
  backups = join(dir, 'backups')
})
afterEach(() => cleanup())

async function verifyJson(): Promise<{ code: number; report: VerifyReport }> {
  const res = await morgue('verify', '--json')
  return { code: res.code, report: JSON.parse(res.stdout) as VerifyReport }
}

describe('morgue verify', () => {
  it('checks a sound archive clean (exit 0) and counts what it read', async () => {
    await archiveWithArticles(archiveDir, dir, 5)
    const { code, report } = await verifyJson()
    expect(code).toBe(0)
    expect(report.ok).toBe(true)
    expect(report.problems).toEqual([])
    expect(report.checked.items).toBe(5)
    expect(report.checked.files).toBe(5)
    expect(report.checked.indexSegments).toBeGreaterThan(0)
    expect((await morgue('verify')).stdout).toMatch(/No damage found\.$/m)
  })

  it('names every damage precisely: truncated shard, deleted shard, altered blob, lost settings', async () => {
    const ids = await archiveWithArticles(archiveDir, dir, 12)
    const records = await recordsOnDisk(archiveDir)
    const shards = [...new Set([...records.values()].map((r) => r.shard))].sort()
    const [truncated, deleted] = shards
    const victim = [...records.entries()].find(
      ([, r]) => r.shard !== truncated && r.shard !== deleted,
    )!
    await truncate(join(archiveDir, 'items', truncated), 30)
    await rm(join(archiveDir, 'items', deleted))
    await writeFile(blobFile(archiveDir, victim[1].content), '{"body":["forged"],"photos":[]}')
    await rm(join(archiveDir, 'archive.json'))

    const { code, report } = await verifyJson()
    expect(code).toBe(1)
    const byKind = (kind: string) => report.problems.filter((p) => p.kind === kind)
    expect(byKind('shard-damaged')).toEqual([
      expect.objectContaining({ file: join(archiveDir, 'items', truncated), severity: 'error' }),
    ])
    expect(byKind('settings-missing')).toHaveLength(1)
    expect(byKind('content-altered')).toEqual([
      expect.objectContaining({ itemId: victim[0], field: 'content', sha256: victim[1].content }),
    ])
    // The shard list went with archive.json; the open that ran verify listed what is on disk.
    expect(ids.length).toBe(12)
    const text = (await morgue('verify')).stdout
    expect(text).toContain(`item ${victim[0]} (content)`)
  })
})

describe('backup → damage → repair / restore → verify clean', () => {
  it('repair restores every damaged file from the newest good backup and rebuilds the index', async () => {
    const ids = await archiveWithArticles(archiveDir, dir, 12)
    const backedUp = await morgue('backup', backups, '--json')
    expect(backedUp.code).toBe(0)
    expect(JSON.parse(backedUp.stdout)).toMatchObject({ items: 12, copied: 12, linked: 0 })

    const records = await recordsOnDisk(archiveDir)
    const shards = [...new Set([...records.values()].map((r) => r.shard))].sort()
    const victim = [...records.entries()].find(
      ([, r]) => r.shard !== shards[0] && r.shard !== shards[1],
    )!
    await truncate(join(archiveDir, 'items', shards[0]), 30)
    await rm(join(archiveDir, 'items', shards[1]))
    await writeFile(blobFile(archiveDir, victim[1].content), '{"body":["forged"],"photos":[]}')
    await rm(join(archiveDir, 'archive.json'))

    // While damaged the archive opens anyway, says so, and shows the rest.
    const listed = await morgue('list', '--json')
    expect(listed.code).toBe(0)
    expect(listed.stderr).toMatch(/warning: the archive is damaged/)

    const repaired = await morgue('repair', '--from', backups, '--json')
    const report = JSON.parse(repaired.stdout) as RepairReport
    expect(report.unrecovered).toEqual([])
    expect(repaired.code).toBe(0)
    expect(report.after.ok).toBe(true)
    expect(
      report.actions
        .filter((a) => a.action === 'restored')
        .map((a) => a.file)
        .sort(),
    ).toEqual(
      [
        join(archiveDir, 'archive.json'),
        join(archiveDir, 'items', shards[0]),
        join(archiveDir, 'items', shards[1]),
        blobFile(archiveDir, victim[1].content),
      ].sort(),
    )
    expect(report.actions.some((a) => a.action === 'rebuilt')).toBe(true)
    // The damaged files are kept for inspection.
    const quarantined = await readdir(join(report.quarantine!, 'items'))
    expect(quarantined).toEqual([shards[0]])
    expect((await stat(join(report.quarantine!, 'blobs'))).isDirectory()).toBe(true)

    expect((await verifyJson()).code).toBe(0)
    const archive = await openArchive(archiveDir, { importInWorker: false })
    try {
      expect(archive.list().total).toBe(12)
      expect((await archive.get(victim[0]))?.kind).toBe('article')
      expect(archive.settings().savedSearches).toEqual([{ name: 'raqa', query: 'raqa fighters' }])
      expect((await archive.search('raqa')).total).toBe(ids.length)
    } finally {
      await archive.close()
    }
  })

  it('without a backup, repair says what could not be recovered and makes the archive writable', async () => {
    await archiveWithArticles(archiveDir, dir, 6)
    const records = await recordsOnDisk(archiveDir)
    const [[id, record]] = [...records.entries()]
    await writeFile(join(archiveDir, 'items', record.shard), '{"items": {')
    const repaired = await morgue('repair', '--json')
    expect(repaired.code).toBe(1)
    const report = JSON.parse(repaired.stdout) as RepairReport
    expect(report.unrecovered).toEqual([
      expect.objectContaining({
        kind: 'shard-damaged',
        file: join(archiveDir, 'items', record.shard),
      }),
    ])
    expect(report.after.ok).toBe(true)
    expect(await readFile(join(report.quarantine!, 'items', record.shard), 'utf8')).toBe(
      '{"items": {',
    )
    expect((await morgue('repair')).stdout).toMatch(/Nothing to repair/)
    expect((await morgue('show', id)).stderr).toMatch(/No item with id/)
  })

  it('restore puts a backup back into a new folder or over a damaged archive, then verifies', async () => {
    await archiveWithArticles(archiveDir, dir, 4)
    expect((await morgue('backup', backups)).code).toBe(0)
    // A second backup links the unchanged files instead of copying them.
    const second = JSON.parse((await morgue('backup', backups, '--json')).stdout)
    expect(second).toMatchObject({ copied: 0, linked: 4 })

    const elsewhere = join(dir, 'restored')
    const res = await cli(['restore', backups, '--to', elsewhere])
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(/: 4 items\./)
    expect(res.stdout).toMatch(/No damage found/)

    for (const name of await readdir(join(archiveDir, 'items'))) {
      await writeFile(join(archiveDir, 'items', name), 'garbage')
    }
    const over = await morgue('restore', backups)
    expect(over.code).toBe(0)
    expect(over.stdout).toMatch(/previous settings and shards were moved to .*quarantine/)
    expect((await verifyJson()).code).toBe(0)
    expect(JSON.parse((await morgue('list', '--json')).stdout).total).toBe(4)
  })
})
