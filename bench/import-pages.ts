/**
 * Saved web page import throughput on the 87 pages of ../shared/corpora/readability (news sites,
 * blogs, Wikipedia; 2 KB–1.9 MB each), before and after side by side in one run (runs
 * interleaved, so a shared machine's load weighs on both alike):
 * 1. the HTML importer alone, in this thread (decode, jsdom, photos and credits, Readability,
 *    DOMPurify snapshot; blobs hashed in memory): the old path, which parsed each page twice
 *    (`extractPage`, then `sanitizeSnapshot` on a fresh parse; kept here only), against the
 *    importer (one parse, `readPage`): pages/s, CPU ms/page, median of runs, slowest pages;
 * 2. end to end through a fresh archive (`openArchive` + `importPaths` on the 87 `source.html`
 *    files: workers, store, blobs on disk, search index) with 1 import worker and with the
 *    default pool (one per core), median of runs.
 * BENCH_QUICK=1 imports 10 pages, one run. Writes bench/results/import-pages.md.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { htmlImporter, pageToDraft } from '../main/core/importers/html'
import { decodeHtml } from '../main/core/importers/html/decodeHtml'
import { extractPage } from '../main/core/importers/html/extractPage'
import { savedFromUrl } from '../main/core/importers/html/htmlImporter'
import type { Importer } from '../main/core/importers/importer'
import { defaultImportWorkers } from '../main/core/importers/workerImportRunner'
import { memoryImportContext } from '../main/core/importers/testing/memoryImportContext'
import { openArchive } from '../main/core/openArchive'
import { repoRoot } from './corpus/corpusPaths'
import { runBundled } from './corpus/runBundled'

const corpus = process.env.MORGUE_CORPORA ?? resolve(repoRoot, '..', 'shared', 'corpora')
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
  // Bundled with its workers, as the app runs (see corpus/runBundled.ts).
  const bundled = await runBundled(__filename, 'bench-import-pages')
  if (bundled !== null) {
    process.exitCode = bundled
    return
  }
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

  const load = [loadavg()[0]]

  // 1. the importer alone: old two-parse path and the importer, interleaved run by run
  const paths = { old: twoParseImporter, new: htmlImporter }
  const alone = {
    old: { rates: [] as number[], cpuMs: [] as number[] },
    new: { rates: [] as number[], cpuMs: [] as number[] },
  }
  const perPage = new Map<string, number[]>()
  let photos = 0
  let failed = 0
  for (let run = 0; run < RUNS; run++) {
    for (const which of ['old', 'new'] as const) {
      const importer = paths[which]
      const started = performance.now()
      const cpuBefore = process.cpuUsage()
      let runPhotos = 0
      let runFailed = 0
      for (const page of pages) {
        const t = performance.now()
        try {
          const [draft] = await importer.import({ source: page.path, bytes: page.bytes }, ctx)
          if (draft.kind === 'article') runPhotos += draft.photos.length
        } catch {
          runFailed++
        }
        if (which === 'new') {
          const list = perPage.get(page.name) ?? []
          list.push(performance.now() - t)
          perPage.set(page.name, list)
        }
      }
      alone[which].rates.push(pages.length / ((performance.now() - started) / 1000))
      const cpu = process.cpuUsage(cpuBefore)
      alone[which].cpuMs.push((cpu.user + cpu.system) / 1000 / pages.length)
      if (which === 'new') [photos, failed] = [runPhotos, runFailed]
    }
    load.push(loadavg()[0])
  }
  const slowest = [...perPage]
    .map(([name, ms]) => [name, median(ms)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)

  // 2. end to end through a fresh archive each run: one import worker, then the default pool
  const poolSize = defaultImportWorkers()
  const pools = [...new Set([1, poolSize])]
  const archiveRates = new Map<number, number[]>(pools.map((n) => [n, []]))
  const archiveCpuMs = new Map<number, number[]>(pools.map((n) => [n, []]))
  let imported = 0
  let duplicates = 0
  let archiveFailed = 0
  const scratch = await mkdtemp(join(tmpdir(), 'morgue-bench-pages-'))
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const workers of pools) {
        const dir = join(scratch, `run-${run}-${workers}`)
        await mkdir(dir)
        const archive = await openArchive(dir, { importWorkers: workers })
        try {
          // Start the workers first (from source each loads TypeScript through tsx): a few tiny
          // files, enough to keep every worker of the pool busy at once.
          const warm = join(dir, 'warm')
          await mkdir(warm)
          for (let k = 0; k < 2 * workers; k++) {
            await writeFile(join(warm, `${k}.txt`), `Warm-up ${k}\n\nStarts import worker ${k}.\n`)
          }
          await archive.importPaths([warm])
          const started = performance.now()
          const cpuBefore = process.cpuUsage()
          const report = await archive.importPaths(pages.map((p) => p.path))
          archiveRates.get(workers)?.push(pages.length / ((performance.now() - started) / 1000))
          const cpu = process.cpuUsage(cpuBefore)
          archiveCpuMs.get(workers)?.push((cpu.user + cpu.system) / 1000 / pages.length)
          imported = report.imported
          duplicates = report.duplicates
          archiveFailed = report.failed
        } finally {
          await archive.close()
        }
      }
      load.push(loadavg()[0])
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
    'Wall-clock rates; the CPU time per page (user + system, all threads of the process, import',
    'workers included) is steadier when the machine is shared. Workers are started before timing.',
    '',
    `Load average (1 min) during the run: ${load.map((l) => fmt(l)).join(', ')} ` +
      `(${availableParallelism()} cores; above that, other processes shared them).`,
    '',
    '| path | pages/s | ms/page | outcome |',
    '| --- | ---: | ---: | --- |',
    `| Before: importer alone, two parses per page (\`extractPage\` + \`sanitizeSnapshot\`) | ${fmt(median(alone.old.rates))} | ${fmt(1000 / median(alone.old.rates), 0)} (CPU ${fmt(median(alone.old.cpuMs), 0)}) | same drafts |`,
    `| After: importer alone, one parse per page (\`readPage\`) | ${fmt(median(alone.new.rates))} | ${fmt(1000 / median(alone.new.rates), 0)} (CPU ${fmt(median(alone.new.cpuMs), 0)}) | ${pages.length - failed} articles, ${photos} photos, ${failed} refused |`,
    ...pools.map(
      (n) =>
        `| \`openArchive\` + \`importPaths\`, ${n} import worker${n === 1 ? '' : 's'} (store, blobs on disk, search index) | ${fmt(median(archiveRates.get(n) ?? []))} | ${fmt(1000 / median(archiveRates.get(n) ?? []), 0)} (CPU ${fmt(median(archiveCpuMs.get(n) ?? []), 0)}) | ${imported} imported, ${duplicates} duplicates, ${archiveFailed} failed |`,
    ),
    '',
    `Slowest pages (importer alone, one parse, median ms): ${slowest.map(([n, ms]) => `${n} ${fmt(ms, 0)}`).join(', ')}.`,
    'Per page the time goes to the jsdom parse, Readability and DOMPurify; the snapshot is now',
    'sanitised from a copy of the parsed tree (taken before Readability rewrites it) rather than a',
    'second parse. Refused: a page whose body is the word "Test" (no article).',
    'A duplicate is a page whose content (text and captions) equals an earlier page of the set.',
    '',
  ]
  const markdown = lines.join('\n')
  console.log(markdown)
  await mkdir(join(repoRoot, 'bench', 'results'), { recursive: true })
  await writeFile(join(__dirname, 'results', 'import-pages.md'), markdown)
}

/** The importer as it was before pages were parsed once: extraction, then a fresh parse for the snapshot. */
const twoParseImporter: Pick<Importer, 'import'> = {
  async import(input, importCtx) {
    const { html } = decodeHtml(input.bytes, input.source, input.contentType)
    const url = savedFromUrl(html)
    const page = extractPage(html, { url })
    const origin = { kind: 'html' as const, path: input.source }
    return [await pageToDraft(page, html, importCtx, origin, input.source, { url })]
  },
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
