/**
 * Import throughput of the 2,225 real BBC articles (../shared/corpora/bbc-news/bbc, plain text)
 * through the real archive (store + search index + text importer), into a fresh archive each run.
 * Prints articles/s (median of runs) and writes bench/results/import-bbc.md.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openArchive } from '../main/core/openArchive'

const corpus = resolve(__dirname, '..', '..', 'shared', 'corpora', 'bbc-news', 'bbc')
const runs = process.env.BENCH_QUICK ? 1 : 3

async function countFiles(dir: string): Promise<number> {
  let n = 0
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += await countFiles(join(dir, e.name))
    else if (e.name.endsWith('.txt')) n++
  }
  return n
}

async function once(): Promise<{ seconds: number; imported: number; failed: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'morgue-bench-bbc-'))
  try {
    const archive = await openArchive(dir)
    const started = performance.now()
    const report = await archive.importPaths([corpus])
    const seconds = (performance.now() - started) / 1000
    await archive.close()
    return { seconds, imported: report.imported, failed: report.failed }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const files = await countFiles(corpus)
  const results = []
  for (let i = 0; i < runs; i++) {
    const r = await once()
    console.log(
      `run ${i + 1}: ${r.imported} imported, ${r.failed} failed in ${r.seconds.toFixed(2)} s`,
    )
    results.push(r)
  }
  const secs = results.map((r) => r.seconds).sort((a, b) => a - b)
  const median = secs[Math.floor(secs.length / 2)]
  const last = results[results.length - 1]
  const md = [
    '## Import: 2,225 BBC articles (plain text)',
    '',
    `bench/import-bbc.ts — ${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}; ` +
      `median of ${runs} run${runs === 1 ? '' : 's'}, each into a fresh archive (store, search index, ` +
      'durable writes).',
    '',
    '| files | imported | failed | time (median) | articles/s |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${files} | ${last.imported} | ${last.failed} | ${median.toFixed(2)} s | ${(last.imported / median).toFixed(0)} |`,
    '',
  ].join('\n')
  console.log(md)
  await writeFile(join(__dirname, 'results', 'import-bbc.md'), md)
}

void main()
