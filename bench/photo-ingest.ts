/**
 * Photo ingest end to end, as a photo desk imports a card: generated 24 MP JPEGs (6000 × 4000,
 * ~6.4 MB, IPTC caption/by-line/credit in APP13; half of them with the previews cameras embed:
 * a 160 × 120 EXIF thumbnail and a 1620 × 1080 MPF preview) imported with `importPaths` into a
 * fresh archive on disk (import worker, blobs fsynced, search index), then checked: every photo
 * has its caption, photographer, agency and a thumbnail.
 *
 * 1. photos/s with sharp and with the pure-JS fallback (MORGUE_IMAGE_DECODER=js), each on the
 *    set without previews and on the set with them, side by side; medians of RUNS runs;
 * 2. memory over 1,000 photos (sharp): RSS sampled every 100 ms, by 100 photos;
 * 3. where the time goes, stage by stage in one thread.
 * It runs bundled with its workers, as the app does (see corpus/runBundled.ts).
 * BENCH_QUICK=1 runs a small version (BENCH_RUNS=N sets the runs). Writes
 * bench/results/photo-ingest.md; the generated photos are removed unless BENCH_KEEP_DATA=1.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import type { Archive } from '../main/core/archiveApi'
import { readEmbeddedMetadata } from '../main/core/importers/image/readEmbeddedMetadata'
import { captionAndCredit } from '../main/core/importers/image/photoCredit'
import type { PhotoItem } from '../main/core/model'
import { openArchive } from '../main/core/openArchive'
import { writeFileDurably } from '../main/core/storage/durableFile'
import { makeThumbnail } from '../main/core/thumbnails/createThumbnail'
import { choosePreview, findEmbeddedPreviews } from '../main/core/thumbnails/embeddedPreview'
import { writeCameraPhotos, type GeneratedPhoto } from './corpus/cameraPhotos'
import { benchDataDir, repoRoot } from './corpus/corpusPaths'
import { runBundled } from './corpus/runBundled'

const QUICK = process.env.BENCH_QUICK === '1'
/** Files generated per set (with / without previews); the memory run imports both sets. */
const PER_SET = QUICK ? 40 : 500
/** Photos per timed run with sharp, and with the pure-JS path (seconds a photo without preview). */
const SHARP_PHOTOS = QUICK ? 40 : 200
const JS_PHOTOS = { preview: QUICK ? 10 : 40, plain: QUICK ? 3 : 8 }
const RUNS = Number(process.env.BENCH_RUNS) || (QUICK ? 1 : 3)
const dataDir = join(benchDataDir(), 'photo-ingest')

type SetName = 'plain' | 'preview'
type Decoder = 'sharp' | 'js'

interface RunResult {
  seconds: number
  photos: number
  rssPeak: number
  /** The first photo after the archive opened (import workers starting), not in `seconds`. */
  startMs: number
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`

async function generate(): Promise<Record<SetName, GeneratedPhoto[]>> {
  const manifest = join(dataDir, `manifest-${PER_SET}.json`)
  if (existsSync(manifest)) return JSON.parse(await readFile(manifest, 'utf8'))
  await rm(dataDir, { recursive: true, force: true })
  const started = performance.now()
  const sets = {
    plain: await writeCameraPhotos(join(dataDir, 'plain'), PER_SET, { withPreview: false }),
    preview: await writeCameraPhotos(join(dataDir, 'preview'), PER_SET, { withPreview: true }),
  }
  await writeFile(manifest, JSON.stringify(sets))
  console.log(
    `generated ${2 * PER_SET} photos in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  return sets
}

/** Open a fresh archive, import `photos` with `decoder`, check every photo, close and remove it. */
async function importRun(
  photos: readonly GeneratedPhoto[],
  decoder: Decoder,
  onProgress?: (done: number, rss: number) => void,
): Promise<RunResult> {
  process.env.MORGUE_IMAGE_DECODER = decoder // the import worker starts with this environment
  const dir = await mkdtemp(join(tmpdir(), 'morgue-bench-photos-'))
  let archive: Archive | undefined
  let rssPeak = 0
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100)
  try {
    archive = await openArchive(dir)
    // The import workers start before the clock does, as in the pages bench: the rate is the
    // sustained one of a card's import. One photo (a copy of the first, made distinct by bytes
    // after its end marker) is imported first and removed again; its time is `startMs`.
    const warm = join(dir, 'warm-up.jpg')
    await writeFile(warm, Buffer.concat([await readFile(photos[0].path), Buffer.from('warm-up')]))
    const warmStarted = performance.now()
    const warmed = await archive.importPaths([warm])
    const startMs = performance.now() - warmStarted
    await archive.delete(warmed.outcomes.flatMap((o) => o.ids))
    const started = performance.now()
    const report = await archive.importPaths(
      photos.map((p) => p.path),
      { onProgress: ({ done }) => onProgress?.(done, process.memoryUsage.rss()) },
    )
    const seconds = (performance.now() - started) / 1000
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss())
    if (report.imported !== photos.length || report.failed > 0) {
      const why = report.outcomes.find((o) => o.status === 'failed')?.reason
      throw new Error(`imported ${report.imported} of ${photos.length}: ${why ?? 'duplicates'}`)
    }
    await checkPhotos(archive, photos)
    return { seconds, photos: photos.length, rssPeak, startMs }
  } finally {
    clearInterval(sampler)
    await archive?.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Photos whose parsed credit differed from the by-line and credit written (parser misses). */
const creditMisses: string[] = []

/**
 * Every photo has its caption, metadata (size, credit line, by-line), a parsed credit with an
 * agency and a thumbnail, or the run fails. Photographers the credit parser read differently
 * from the by-line written are collected in `creditMisses` (reported, not fatal: the parser is
 * measured elsewhere).
 */
async function checkPhotos(archive: Archive, photos: readonly GeneratedPhoto[]): Promise<void> {
  const expected = new Map(photos.map((p) => [p.path, p.credit]))
  const { items } = archive.list()
  for (const summary of items) {
    const item = (await archive.get(summary.id)) as PhotoItem
    const want = expected.get(item.origin?.path ?? '')
    const { photo } = item
    if (
      !want ||
      !photo.caption?.startsWith('People walk past') ||
      photo.meta?.width !== 6000 ||
      !photo.meta.creditLine ||
      !photo.meta.creator ||
      !want.agency.some((a) => a.toLowerCase() === photo.credit?.agency?.toLowerCase()) ||
      !photo.thumbnail
    ) {
      throw new Error(
        `photo ${summary.id} lacks its caption, metadata, credit or thumbnail: ${JSON.stringify(photo)}`,
      )
    }
    if (photo.credit?.photographer !== want.photographer) {
      const miss = `\`${photo.credit?.raw}\` → ${JSON.stringify(photo.credit?.photographer)}`
      if (!creditMisses.includes(miss)) creditMisses.push(miss)
    }
  }
  if (items.length !== photos.length)
    throw new Error(`${items.length} items for ${photos.length} photos`)
}

async function rates(
  sets: Record<SetName, GeneratedPhoto[]>,
): Promise<
  Record<
    Decoder,
    Record<SetName, { rate: number; photos: number; rssPeak: number; startMs: number }>
  >
> {
  const out = {} as Record<
    Decoder,
    Record<SetName, { rate: number; photos: number; rssPeak: number; startMs: number }>
  >
  for (const decoder of ['sharp', 'js'] as const) {
    out[decoder] = {} as (typeof out)[Decoder]
    for (const set of ['plain', 'preview'] as const) {
      const n = decoder === 'sharp' ? SHARP_PHOTOS : JS_PHOTOS[set]
      const runs: RunResult[] = []
      for (let r = 0; r < RUNS; r++) {
        // A different slice each run, so no run imports files the page cache just saw written.
        const from = (r * n) % Math.max(1, sets[set].length - n + 1)
        runs.push(await importRun(sets[set].slice(from, from + n), decoder))
        const last = runs[runs.length - 1]
        console.log(
          `${decoder} ${set}: ${(last.photos / last.seconds).toFixed(1)} photos/s (${n} photos)`,
        )
      }
      out[decoder][set] = {
        rate: median(runs.map((r) => r.photos / r.seconds)),
        photos: n,
        rssPeak: Math.max(...runs.map((r) => r.rssPeak)),
        startMs: median(runs.map((r) => r.startMs)),
      }
    }
  }
  return out
}

/** The stages of one photo's import, timed in this thread on `photos` (ms per photo, median). */
async function stages(photos: readonly GeneratedPhoto[]): Promise<Record<string, number>> {
  process.env.MORGUE_IMAGE_DECODER = 'sharp'
  const dir = await mkdtemp(join(tmpdir(), 'morgue-bench-stages-'))
  const times: Record<string, number[]> = {}
  const time = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now()
    const value = await fn()
    ;(times[name] ??= []).push(performance.now() - t)
    return value
  }
  try {
    for (const [i, p] of photos.entries()) {
      const bytes = await time('read the file', () => readFile(p.path))
      const meta = await time('metadata (exifr + IPTC-IIM)', () =>
        readEmbeddedMetadata(bytes, 'jpeg'),
      )
      await time('credit parse', () => captionAndCredit(meta))
      await time('find the embedded preview', () =>
        choosePreview(findEmbeddedPreviews(bytes), { width: 6000, height: 4000 }, 320),
      )
      await time('thumbnail (sharp)', () => makeThumbnail(bytes, 'image/jpeg', 320))
      await time('sha256 of the file', () => createHash('sha256').update(bytes).digest('hex'))
      await time('blob write + fsync', () =>
        writeFileDurably(join(dir, `blob-${i}`), bytes, { tmpDir: dir, syncDir: false }),
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
}

async function main(): Promise<void> {
  const bundled = await runBundled(__filename, 'bench-photo-ingest')
  if (bundled !== null) {
    process.exitCode = bundled
    return
  }
  await mkdir(dataDir, { recursive: true })
  const sets = await generate()
  const avgBytes = [...sets.plain, ...sets.preview].reduce((n, p) => n + p.bytes, 0) / (2 * PER_SET)
  const load = loadavg()[0]

  const stagePlain = await stages(sets.plain.slice(0, QUICK ? 5 : 12))
  const stagePreview = await stages(sets.preview.slice(0, QUICK ? 5 : 12))
  const measured = await rates(sets)

  // Memory: both sets, one import, with sharp.
  const all = [...sets.plain, ...sets.preview]
  const byHundred: { done: number; rss: number }[] = []
  const step = Math.max(1, Math.round(all.length / 10))
  const rssBefore = process.memoryUsage.rss()
  const memory = await importRun(all, 'sharp', (done, rss) => {
    if (done > 0 && done % step === 0) byHundred.push({ done, rss })
  })
  console.log(
    `memory run: ${all.length} photos, ${(all.length / memory.seconds).toFixed(1)} photos/s`,
  )
  if (process.env.BENCH_KEEP_DATA !== '1') await rm(dataDir, { recursive: true, force: true })

  const row = (set: SetName, label: string) => {
    const s = measured.sharp[set]
    const j = measured.js[set]
    return `| ${label} | **${s.rate.toFixed(1)}** (${s.photos} photos) | ${j.rate.toFixed(2)} (${j.photos} photos) | ${(s.rate / j.rate).toFixed(0)}× |`
  }
  const stageRows = Object.keys(stagePlain).map(
    (k) => `| ${k} | ${stagePlain[k].toFixed(1)} | ${(stagePreview[k] ?? 0).toFixed(1)} |`,
  )
  const first = byHundred[0]
  const last = byHundred[byHundred.length - 1]
  const md = [
    '## Photo ingest: 24 MP camera JPEGs end to end (sharp vs pure JS)',
    '',
    `bench/photo-ingest.ts — ${cpus()[0]?.model}, ${cpus().length} cores (shared: load average ${load.toFixed(1)} at the start), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Generated 6000 × 4000 JPEGs of ${(avgBytes / 1e6).toFixed(1)} MB ` +
      'on average with IPTC caption, by-line and credit in APP13; the "with preview" set also carries a 160 × 120 EXIF ' +
      'thumbnail and a 1620 × 1080 MPF preview, as cameras write them. `importPaths` into a fresh archive on disk ' +
      '(import worker, blobs and records fsynced, search index); every photo checked for caption, photographer, agency ' +
      `and thumbnail. Median of ${RUNS} run${RUNS === 1 ? '' : 's'}; the pure-JS path (MORGUE_IMAGE_DECODER=js, the fallback when sharp cannot load) ` +
      'runs on fewer photos because it takes seconds per photo without a preview.',
    '',
    '| photos/s, end to end | sharp (ours) | pure JS | ratio |',
    '| --- | ---: | ---: | ---: |',
    row('plain', 'without an embedded preview (target ≥ 20)'),
    row('preview', 'with an embedded preview (target ≥ 60)'),
    '',
    'Rates are sustained ones: each run first imports one photo (a distinct copy of its first) to start the import ' +
      `workers, and the clock starts after it. That first photo after opening took ${Math.round(measured.sharp.plain.startMs)} ms ` +
      `(without preview) and ${Math.round(measured.sharp.preview.startMs)} ms (with), sharp, median.`,
    '',
    `Memory over ${all.length} photos in one import (${(all.length / memory.seconds).toFixed(1)} photos/s, sharp): ` +
      `RSS ${mb(rssBefore)} before, ${mb(first.rss)} after ${first.done} photos, ${mb(last.rss)} after ${last.done}, ` +
      `peak ${mb(memory.rssPeak)} (sampled every 100 ms). By ${step} photos: ` +
      byHundred.map((b) => mb(b.rss)).join(', ') +
      '.',
    '',
    `Every imported photo had its caption, size, credit line, by-line, agency and thumbnail. ` +
      (creditMisses.length
        ? `Photographer names the credit parser read differently from the by-line: ${creditMisses.slice(0, 5).join('; ')}${creditMisses.length > 5 ? ` (${creditMisses.length} in all)` : ''}.`
        : 'Every photographer was parsed as written in the by-line.'),
    '',
    'Where the time goes, one photo in one thread (ms, median):',
    '',
    '| stage | without preview | with preview |',
    '| --- | ---: | ---: |',
    ...stageRows,
    '',
  ].join('\n')
  console.log(md)
  await writeFile(join(repoRoot, 'bench', 'results', 'photo-ingest.md'), md)
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
