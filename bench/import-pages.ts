/**
 * Saved web page import throughput on the 87 pages of ../shared/corpora/readability (news sites,
 * blogs, Wikipedia; 2 KB–1.9 MB each):
 * 1. the HTML importer alone (decode, jsdom parse, photos and credits, Readability, DOMPurify
 *    snapshot; blobs hashed in memory): pages/s, median of runs, and the slowest pages;
 * 2. end to end through a fresh archive (`openArchive` + `importPaths` on the 87 `source.html`
 *    files: store, blobs on disk, search index), median of runs.
 * BENCH_QUICK=1 imports 10 pages, one run. Writes bench/results/import-pages.md.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { htmlImporter } from '../main/core/importers/html'
import { memoryImportContext } from '../main/core/importers/testing/memoryImportContext'
import { openArchive } from '../main/core/openArchive'

const corpus = process.env.MORGUE_CORPORA ?? resolve(__dirname, '..', '..', 'shared', 'corpora')
const pagesDir = join(corpus, 'readability')
const QUICK = process.env.BENCH_QUICK === '1'
const RUNS = QUICK ? 1 : 3

/** Blobs stay in memory: this measures the importer, not the disk. */
const ctx = memoryImportContext()

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const fmt = (n: number, digits = 1) => n.toFixed(digits)

async function main(): Promise<void> {
  if (!existsSync(pagesDir)) throw new Error(`corpus not found: ${pagesDir}`)
  const names = (await readdir(pagesDir))
    .filter((n) => existsSync(join(pagesDir, n, 'source.html')))
    .sort()
  const chosen = QUICK ? names.slice(0, 10) : names
  const pages = await Promise.all(
    chosen.map(async (name) => {
      const path = join(pagesDir, name, 'source.html')
      return { name, path, bytes: await readFile(path) }
    }),
  )
  const totalBytes = pages.reduce((n, p) => n + p.bytes.length, 0)

  // 1. the importer alone
  const importerRates: number[] = []
  const importerCpuMs: number[] = []
  const perPage = new Map<string, number[]>()
  let photos = 0
  let failed = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    photos = 0
    failed = 0
    for (const page of pages) {
      const t = performance.now()
      try {
        const [draft] = await htmlImporter.import({ source: page.path, bytes: page.bytes }, ctx)
        if (draft.kind === 'article') photos += draft.photos.length
      } catch {
        failed++
      }
      const list = perPage.get(page.name) ?? []
      list.push(performance.now() - t)
      perPage.set(page.name, list)
    }
    importerRates.push(pages.length / ((performance.now() - started) / 1000))
    const cpu = process.cpuUsage(cpuBefore)
    importerCpuMs.push((cpu.user + cpu.system) / 1000 / pages.length)
  }
  const slowest = [...perPage]
    .map(([name, ms]) => [name, median(ms)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)

  // 2. end to end through a fresh archive each run
  const archiveRates: number[] = []
  let imported = 0
  let duplicates = 0
  let archiveFailed = 0
  const scratch = await mkdtemp(join(tmpdir(), 'morgue-bench-pages-'))
  try {
    for (let run = 0; run < RUNS; run++) {
      const dir = join(scratch, `run-${run}`)
      await mkdir(dir)
      const archive = await openArchive(dir)
      try {
        const started = performance.now()
        const report = await archive.importPaths(pages.map((p) => p.path))
        archiveRates.push(pages.length / ((performance.now() - started) / 1000))
        imported = report.imported
        duplicates = report.duplicates
        archiveFailed = report.failed
      } finally {
        await archive.close()
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }

  const cpu = cpus()
  const lines = [
    '## Import of saved web pages',
    '',
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}.` +
      (QUICK ? ' **Quick run (BENCH_QUICK=1): 10 pages, 1 run.**' : ''),
    `Corpus: ${pages.length} saved pages of \`corpora/readability\` ` +
      `(${fmt(totalBytes / 1024 / 1024)} MB of HTML), median of ${RUNS} run(s).`,
    '',
    'Wall-clock rates; the CPU time per page (user + system, all threads) is steadier when the',
    'machine is shared.',
    '',
    '| path | pages/s | ms/page | outcome |',
    '| --- | ---: | ---: | --- |',
    `| HTML importer alone (extraction + photos + snapshot, blobs in memory) | ${fmt(median(importerRates))} | ${fmt(1000 / median(importerRates), 0)} (CPU ${fmt(median(importerCpuMs), 0)}) | ${pages.length - failed} articles, ${photos} photos, ${failed} refused |`,
    `| \`openArchive\` + \`importPaths\` (store, blobs on disk, search index) | ${fmt(median(archiveRates))} | ${fmt(1000 / median(archiveRates), 0)} | ${imported} imported, ${duplicates} duplicates, ${archiveFailed} failed |`,
    '',
    `Slowest pages (importer alone, median ms): ${slowest.map(([n, ms]) => `${n} ${fmt(ms, 0)}`).join(', ')}.`,
    'Most of the time is jsdom parsing the page (twice: once for extraction, once in DOMPurify for',
    'the snapshot) and Readability; refused: a page whose body is the word "Test" (no article).',
    'A duplicate is a page whose content (text and captions) equals an earlier page of the set.',
    '',
  ]
  const markdown = lines.join('\n')
  console.log(markdown)
  await mkdir(join(__dirname, 'results'), { recursive: true })
  await writeFile(join(__dirname, 'results', 'import-pages.md'), markdown)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
