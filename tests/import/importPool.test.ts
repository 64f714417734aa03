import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkerImportRunner } from '../../main/core/importers/workerImportRunner'
import { memoryImportContext } from '../../main/core/importers/testing/memoryImportContext'
import { openArchive } from '../../main/core/openArchive'
import { tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(async () => {
  await cleanup()
})

const page = (i: number) =>
  `<!doctype html><html><head><title>Story ${i}</title></head><body><article><h1>Story ${i}</h1>` +
  `<p>${`Paragraph ${i} of a saved page about the harbour. `.repeat(12)}</p></article></body></html>`

async function folder(): Promise<string> {
  const src = join(dir, 'pages')
  await mkdir(src)
  for (let i = 0; i < 9; i++) await writeFile(join(src, `${i}.html`), page(i))
  await writeFile(join(src, '4b.html'), '<!doctype html><html><body>Test</body></html>')
  return src
}

describe('imports on a pool of workers', () => {
  it('report every file in order, as imports in this thread do, and store them all', async () => {
    const src = await folder()
    const inThread = await openArchive(join(dir, 'a'), { importInWorker: false })
    const pooled = await openArchive(join(dir, 'b'), { importWorkers: 3 })
    try {
      const expected = await inThread.importPaths([src])
      const progress: number[] = []
      const report = await pooled.importPaths([src], { onProgress: (p) => progress.push(p.done) })
      expect(report.outcomes.map((o) => [o.source, o.status])).toEqual(
        expected.outcomes.map((o) => [o.source, o.status]),
      )
      expect(report).toMatchObject({ imported: 9, failed: 1, cancelled: false })
      expect(report.outcomes.find((o) => o.status === 'failed')?.reason).toMatch(/No article/)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(pooled.list().total).toBe(9)
    } finally {
      await inThread.close()
      await pooled.close()
    }
  })

  it('cancel only the cancelled file; a file of another import on that worker still lands', async () => {
    const runner = createWorkerImportRunner(10_000, 1)
    try {
      const bytes = (i: number) => new TextEncoder().encode(page(i))
      const stop = new AbortController()
      const cancelled = runner(
        { source: 'a.html', bytes: bytes(1) },
        { ...memoryImportContext(), signal: stop.signal },
      )
      const other = runner({ source: 'b.html', bytes: bytes(2) }, memoryImportContext())
      stop.abort()
      await expect(cancelled).rejects.toThrow(/cancelled/)
      const [draft] = await other
      expect(draft).toMatchObject({ kind: 'article', title: 'Story 2' })
      expect(runner.parallelism).toBe(1)
    } finally {
      await runner.close()
    }
  })
})
