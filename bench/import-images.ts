/**
 * Photo import throughput on the real agency photos of ../shared/corpora/iptc-images (16 images,
 * 8 KB–290 KB, 30×14 to 2000×1000 px):
 * 1. the photo importer alone (IPTC/XMP/EXIF read, credit parse, 320 px thumbnail; blobs hashed
 *    in memory), the folder imported `ROUNDS` times per run: photos/s and ms per stage;
 * 2. end to end through a fresh archive (`importPaths` on the folder: store, blobs on disk,
 *    search index), median of runs.
 * BENCH_QUICK=1 runs fewer rounds. Writes bench/results/import-images.md.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { imageImporter } from '../main/core/importers/image/imageImporter'
import { imageFormatFromName, sniffImageFormat } from '../main/core/importers/image/imageFormat'
import { readEmbeddedMetadata } from '../main/core/importers/image/readEmbeddedMetadata'
import { memoryImportContext } from '../main/core/importers/testing/memoryImportContext'
import { createThumbnail } from '../main/core/thumbnails/createThumbnail'

const corpus = resolve(__dirname, '..', '..', 'shared', 'corpora', 'iptc-images')
const QUICK = process.env.BENCH_QUICK === '1'
const RUNS = QUICK ? 1 : 5
const ROUNDS = QUICK ? 2 : 10

/** Blobs stay in memory: this measures the importer, not the disk. */
const ctx = memoryImportContext()

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  const names = (await readdir(corpus)).filter((f) => imageFormatFromName(f)).sort()
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      path: join(corpus, name),
      bytes: await readFile(join(corpus, name)),
    })),
  )
  const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0)

  // 1. importer alone
  const importerRates: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    for (let round = 0; round < ROUNDS; round++) {
      for (const f of files) await imageImporter.import({ source: f.path, bytes: f.bytes }, ctx)
    }
    importerRates.push((files.length * ROUNDS) / ((performance.now() - started) / 1000))
  }
  const metaMs: number[] = []
  const thumbMs: number[] = []
  for (const f of files) {
    const format = sniffImageFormat(f.bytes)!
    let t = performance.now()
    for (let i = 0; i < ROUNDS; i++) await readEmbeddedMetadata(f.bytes, format)
    metaMs.push((performance.now() - t) / ROUNDS)
    t = performance.now()
    for (let i = 0; i < ROUNDS; i++) await createThumbnail(f.bytes, `image/${format}`)
    thumbMs.push((performance.now() - t) / ROUNDS)
  }
  const largest = files.reduce((a, b) => (a.bytes.length > b.bytes.length ? a : b))
  const largestIdx = files.indexOf(largest)

  // 2. end to end through an archive
  const archiveRuns: { seconds: number; imported: number; failed: number }[] = []
  let archiveError: string | undefined
  for (let run = 0; run < RUNS && !archiveError; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'morgue-bench-images-'))
    try {
      // Loaded here so the importer numbers still come out while the archive is being built.
      const { openArchive } = await import('../main/core/openArchive')
      const archive = await openArchive(dir)
      const started = performance.now()
      const report = await archive.importPaths(files.map((f) => f.path))
      archiveRuns.push({
        seconds: (performance.now() - started) / 1000,
        imported: report.imported,
        failed: report.failed,
      })
      await archive.close()
    } catch (error) {
      archiveError = (error as Error).message.split('\n')[0]
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  const lines = [
    '## Import: agency photos with IPTC/XMP (corpora/iptc-images)',
    '',
    `bench/import-images.ts — ${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}; ` +
      `${files.length} images, ${(totalBytes / 1024).toFixed(0)} KB in all; median of ${RUNS} run${RUNS === 1 ? '' : 's'}.`,
    '',
    '| stage | result |',
    '| --- | ---: |',
    `| photo importer alone (metadata + credit + 320 px thumbnail), ${ROUNDS}× the folder per run | ${median(importerRates).toFixed(1)} photos/s |`,
    `| metadata read (exifr + IIM), median per image | ${median(metaMs).toFixed(1)} ms |`,
    `| thumbnail (sharp, or the pure-JS fallback where it cannot load), median per image | ${median(thumbMs).toFixed(1)} ms |`,
    `| thumbnail of the largest file (${largest.name}, ${(largest.bytes.length / 1024).toFixed(0)} KB) | ${thumbMs[largestIdx].toFixed(1)} ms |`,
  ]
  if (archiveRuns.length) {
    const secs = median(archiveRuns.map((r) => r.seconds))
    const last = archiveRuns[archiveRuns.length - 1]
    lines.push(
      `| end to end into a fresh archive (${last.imported} imported, ${last.failed} failed) | ${(last.imported / secs).toFixed(1)} photos/s (${secs.toFixed(2)} s) |`,
    )
  } else {
    lines.push(`| end to end into a fresh archive | not measured: ${archiveError ?? 'no run'} |`)
  }
  lines.push('')
  const md = lines.join('\n')
  console.log(md)
  await writeFile(join(__dirname, 'results', 'import-images.md'), md)
}

void main()
