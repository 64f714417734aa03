/**
 * `npm run bench`: runs every benchmark script in bench/ one after another (each in its own
 * process, so one does not warm or load the next), then assembles docs/BENCHMARKS.md from the
 * sections they wrote to bench/results/. `BENCH_ONLY=storage,search` runs a subset; `BENCH_QUICK=1`
 * asks each script for its small fast version.
 */
import { spawnSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

const ORDER = ['storage', 'search', 'import-bbc', 'import-pages', 'import-images']

async function main(): Promise<void> {
  const here = __dirname
  const scripts = (await readdir(here))
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())
  for (const name of scripts) {
    if (only && !only.includes(name)) continue
    console.log(`\n=== bench/${name}.ts`)
    const started = Date.now()
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], {
      stdio: 'inherit',
      env: process.env,
    })
    console.log(`=== bench/${name}.ts finished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    if (res.status !== 0) {
      console.error(`bench/${name}.ts failed (exit ${res.status}); its old section is kept.`)
      process.exitCode = 1
    }
  }
  await assemble(here)
}

function rank(name: string): number {
  const i = ORDER.indexOf(name)
  return i === -1 ? ORDER.length : i
}

async function assemble(here: string): Promise<void> {
  const dir = join(here, 'results')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md'))
  files.sort((a, b) => rank(a.slice(0, -3)) - rank(b.slice(0, -3)) || a.localeCompare(b))
  const sections = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))
  const cpu = cpus()
  const doc = [
    '# Benchmarks',
    '',
    'Produced by `npm run bench` (bench/run.ts runs every bench/*.ts script, each writes its',
    'section to bench/results/, and this file is assembled from them). Each section names the',
    'machine and run it came from; figures are medians of several runs unless a section says',
    'otherwise.',
    '',
    `Last assembled on ${new Date().toISOString().slice(0, 10)}: ${cpu[0]?.model ?? 'unknown CPU'},`,
    `${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    '',
    ...sections.map((s) => s.trim() + '\n'),
  ].join('\n')
  await writeFile(join(here, '..', 'docs', 'BENCHMARKS.md'), doc)
  console.log(`\nWrote docs/BENCHMARKS.md (${sections.length} sections).`)
}

void main()
