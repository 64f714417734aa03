/**
 * Bulk tagging at archive scale: an archive of N generated articles (bench corpus, seeded), then
 * `archive.bulkTag` adds one new tag to K items chosen by id (the "tag all results" path minus
 * the query), and the clock stops when the call resolves: every item durable (shards fsynced)
 * and searchable (a new index segment in place). Each run is checked: `tag:` finds all K rows.
 * Then the same through a query (`tag all N results of this search`), and one undo.
 * N = 100,000 and K = 10,000; BENCH_QUICK=1: N = 10,000, K = 2,000. Median of RUNS runs.
 * The archive is built once into bench/.data/archive-N (kept for the next run; ~4 min at 100k).
 * Writes bench/results/bulk-tag.md.
 */
import fs from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import type { Archive } from '../main/core/archiveApi'
import { openArchive } from '../main/core/openArchive'
import { ensureBenchArchive } from './corpus/benchArchive'

const QUICK = process.env.BENCH_QUICK === '1'
const ARTICLES = QUICK ? 10_000 : 100_000
const TAGGED = QUICK ? 2_000 : 10_000
const RUNS = QUICK ? 3 : 5

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const seconds = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`

async function searchTotal(archive: Archive, query: string): Promise<number> {
  return (await archive.search(query, { limit: 1, facets: false })).total
}

async function main(): Promise<void> {
  const dir = await ensureBenchArchive(ARTICLES)
  const archive = await openArchive(dir, { importInWorker: false })
  // Measure the steady state, not the background work of an open.
  await archive.idle()
  const loads: number[] = [loadavg()[0]]
  try {
    const ids = archive.list({ sort: 'oldest' }).items.map((s) => s.id)
    const byId: number[] = []
    const undo: number[] = []
    for (let run = 0; run < RUNS; run++) {
      // A different slice of the archive each run, so no run finds its items cached.
      const from = (run * TAGGED) % Math.max(1, ids.length - TAGGED)
      const refs = ids.slice(from, from + TAGGED)
      const tag = `Bench/Run ${run + 1}`
      const started = performance.now()
      const result = await archive.bulkTag({ refs, add: [tag] })
      byId.push(performance.now() - started)
      const found = await searchTotal(archive, `tag:="${tag}" type:article`)
      if (result.items !== TAGGED || found !== TAGGED)
        throw new Error(`run ${run + 1}: wrote ${result.items}, search finds ${found}`)
      const undoStart = performance.now()
      await archive.undoTagChange(result.change)
      undo.push(performance.now() - undoStart)
      if ((await searchTotal(archive, `tag:="${tag}"`)) !== 0) throw new Error('undo left tags')
      loads.push(loadavg()[0])
      console.log(`run ${run + 1}: ${seconds(byId.at(-1)!)} tag, ${seconds(undo.at(-1)!)} undo`)
    }
    // "Tag all results of this search": every row of a query, photos included.
    const query = 'government'
    const rows = await searchTotal(archive, query)
    const started = performance.now()
    const viaQuery = await archive.bulkTag({ query, add: ['Bench/Query'] })
    const queryMs = performance.now() - started
    const queryUndoStart = performance.now()
    await archive.undoTagChange(viaQuery.change)
    const queryUndoMs = performance.now() - queryUndoStart
    loads.push(loadavg()[0])

    const cpu = cpus()
    const lines = [
      `## Bulk tagging: ${TAGGED.toLocaleString('en')} of ${ARTICLES.toLocaleString('en')} articles`,
      '',
      `bench/bulk-tag.ts: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}.`,
      'Generated bench corpus (seeded; ~550-word bodies, 1–3 captioned photos). The clock runs from',
      'the call until it resolves: every item durable (shards written with fsync, atomically) and',
      'searchable (a new index segment in memory; its file is written just after, and the index journal',
      're-indexes the items at the next open if the process dies first); each run then checks that',
      '`tag:` finds all of them.',
      `Load average (1 min) during the runs: ${loads.map((l) => l.toFixed(1)).join(', ')} on ${cpu.length} cores (a shared machine).`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| add a tag to ${TAGGED.toLocaleString('en')} items by id, median of ${RUNS} | ${seconds(median(byId))} |`,
      `| runs | ${byId.map(seconds).join(', ')} |`,
      `| undo of that change, median | ${seconds(median(undo))} |`,
      `| "tag all results" of \`${query}\` (${rows.toLocaleString('en')} rows, ${viaQuery.items.toLocaleString('en')} items), one run | ${seconds(queryMs)} |`,
      `| its undo | ${seconds(queryUndoMs)} |`,
      '',
      `Target: 10,000 items durable and searchable in ≤ 5 s at 100k.`,
      '',
    ]
    await fs.mkdir(path.join(__dirname, 'results'), { recursive: true })
    await fs.writeFile(path.join(__dirname, 'results', 'bulk-tag.md'), lines.join('\n'))
    console.log(lines.join('\n'))
  } finally {
    await archive.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
