/**
 * The storage layer at archive scale: bulk-loads N synthetic articles (~550 words, 1–3 credited
 * captions each; deterministic seed) into a fresh archive in a temp dir, then measures
 * - opening the archive in a fresh child process (median of runs),
 * - a tag edit (`put` of one changed item, durable) and adding a new article (p50/p95),
 * - streaming every full item back (`all()`, as an index rebuild does),
 * - the on-disk size of shards vs blobs.
 * N = 100,000, or 10,000 with BENCH_QUICK=1. Writes bench/results/storage.md.
 * Run: `npx tsx bench/storage.ts` (the child mode `--open <dir>` is for internal use);
 * BENCH_KEEP=1 keeps the generated archive and prints its folder (for profiling).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Article, ItemId } from '../main/core/model'
import { openItemStore } from '../main/core/storage'
import { createRng, type Rng } from './corpus/prng'

const QUICK = process.env.BENCH_QUICK === '1'
const ARTICLES = QUICK ? 10_000 : 100_000
const BATCH = 2_000
const OPEN_RUNS = QUICK ? 5 : 7
const WARMUP = 20
const EDITS = QUICK ? 200 : 300
const ADDS = QUICK ? 200 : 300
const SEED = 20261124

// --- synthetic corpus ------------------------------------------------------------------------

const SYLLABLES = 'ka lo mi ne ra tu si po an el or is un de ba ve co fi gu ha'.split(' ')
const AGENCIES = ['AFP', 'Reuters', 'AP', 'Getty Images', 'EPA', 'ANP', 'dpa']
const SOURCES = ['AFP', 'The Guardian', 'Reuters', 'BBC News', 'Le Monde', 'NRC']

/** A vocabulary with Zipf-like use: low indexes are drawn far more often. */
function makeVocabulary(rng: Rng, size: number): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    let w = ''
    const syllables = rng.int(1, 4)
    for (let i = 0; i < syllables; i++) w += rng.pick(SYLLABLES)
    words.add(w)
  }
  return [...words]
}

function zipfWord(rng: Rng, vocabulary: readonly string[]): string {
  return vocabulary[Math.floor(vocabulary.length * rng.next() ** 3)]
}

function sentence(rng: Rng, vocabulary: readonly string[], words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(zipfWord(rng, vocabulary))
  out[0] = out[0][0].toUpperCase() + out[0].slice(1)
  return out.join(' ') + '.'
}

function name(rng: Rng, vocabulary: readonly string[]): string {
  const part = () => {
    const w = vocabulary[rng.int(0, vocabulary.length - 1)]
    return w[0].toUpperCase() + w.slice(1)
  }
  return `${part()} ${part()}`
}

function hex(rng: Rng, length: number): string {
  let s = ''
  while (s.length < length)
    s += Math.floor(rng.next() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  return s.slice(0, length)
}

interface Corpus {
  vocabulary: string[]
  tags: string[]
}

function makeCorpus(): Corpus {
  const rng = createRng(SEED)
  const vocabulary = makeVocabulary(rng, 20_000)
  const tags = Array.from({ length: 400 }, () => name(rng, vocabulary).split(' ')[0])
  return { vocabulary, tags }
}

/** Article number `n`: the same for every run (seeded by n). */
function makeArticle(corpus: Corpus, n: number): Article {
  const rng = createRng(SEED, n)
  const { vocabulary } = corpus
  const body: string[] = []
  let words = 0
  const target = rng.int(450, 650)
  while (words < target) {
    const sentences = rng.int(2, 5)
    const paragraph: string[] = []
    for (let i = 0; i < sentences; i++) {
      const length = rng.int(8, 28)
      paragraph.push(sentence(rng, vocabulary, length))
      words += length
    }
    body.push(paragraph.join(' '))
  }
  const photos = Array.from({ length: rng.int(1, 3) }, (_, i) => {
    const photographer = name(rng, vocabulary)
    const agency = rng.pick(AGENCIES)
    return {
      id: `p${i}`,
      caption: sentence(rng, vocabulary, rng.int(15, 40)),
      credit: {
        raw: `${photographer.toUpperCase()} / ${agency.toUpperCase()}`,
        photographer,
        agency,
        agencies: [agency],
        agencyIds: [agency.toLowerCase().split(' ')[0]],
      },
      src: `https://img.example.org/${hex(rng, 12)}.jpg`,
      image: { sha256: hex(rng, 64), mime: 'image/jpeg', bytes: rng.int(100_000, 900_000) },
      thumbnail: { sha256: hex(rng, 64), mime: 'image/webp', bytes: rng.int(5_000, 20_000) },
    }
  })
  const title = sentence(rng, vocabulary, rng.int(6, 12)).slice(0, -1)
  const day = new Date(Date.UTC(2015, 0, 1) + rng.int(0, 3650) * 86_400_000)
  const tags = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(corpus.tags)))]
  const source = rng.pick(SOURCES)
  return {
    kind: 'article',
    // Random-looking but collision-free (the rng has only 2^32 seeds).
    id: createHash('sha256').update(`${SEED}:${n}`).digest('hex').slice(0, 16),
    title,
    tags,
    archivedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    publishedAt: day.toISOString().slice(0, 10),
    contentHash: createHash('sha256').update(title).update(body.join('\n')).digest('hex'),
    origin: { kind: 'html', path: `/imports/${source.replace(/ /g, '-')}/${n}.html` },
    source,
    language: 'en',
    url: `https://news.example.org/${day.getUTCFullYear()}/${hex(rng, 10)}`,
    byline: name(rng, vocabulary),
    excerpt: body[0].slice(0, 200),
    body,
    photos,
  }
}

// --- measurement helpers ---------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

interface DirSize {
  files: number
  bytes: number
  /** Allocated on disk (4 KiB blocks make many small files cost more than their bytes). */
  allocated: number
}

async function dirSize(dir: string): Promise<DirSize> {
  const total: DirSize = { files: 0, bytes: 0, allocated: 0 }
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const sub = await dirSize(full)
      total.files += sub.files
      total.bytes += sub.bytes
      total.allocated += sub.allocated
    } else {
      const stat = await fs.stat(full)
      total.files++
      total.bytes += stat.size
      total.allocated += stat.blocks * 512
    }
  }
  return total
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const ms = (value: number) => `${value.toFixed(1)} ms`

// --- child: open the archive in a fresh process ----------------------------------------------

async function openInChild(dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const start = performance.now()
  const store = await openItemStore(dir)
  const openMs = performance.now() - start
  let summaries = 0
  for (const _ of store.summaries()) summaries++
  gc?.() // live data only, not the garbage of parsing
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  const hashStart = performance.now()
  store.idByHash('0'.repeat(64))
  const hashMapMs = performance.now() - hashStart
  await store.close()
  process.stdout.write(JSON.stringify({ openMs, summaries, heapMiB, hashMapMs }) + '\n')
}

function openFresh(dir: string): {
  openMs: number
  summaries: number
  heapMiB: number
  hashMapMs: number
  wallMs: number
} {
  const start = performance.now()
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', __filename, '--open', dir],
    {
      encoding: 'utf8',
    },
  )
  const wallMs = performance.now() - start
  if (child.status !== 0) throw new Error(`open child failed: ${child.stderr}`)
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()!), wallMs }
}

// --- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const corpus = makeCorpus()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'morgue-bench-storage-'))
  try {
    console.log(`bench/storage: ${ARTICLES} articles into ${dir}`)
    const ids: ItemId[] = []
    let store = await openItemStore(dir)
    const loadStart = performance.now()
    let generateMs = 0
    for (let n = 0; n < ARTICLES; n += BATCH) {
      const genStart = performance.now()
      const batch = Array.from({ length: Math.min(BATCH, ARTICLES - n) }, (_, i) =>
        makeArticle(corpus, n + i),
      )
      generateMs += performance.now() - genStart
      await store.put(batch)
      for (const a of batch) ids.push(a.id)
      if ((n / BATCH) % 10 === 0) console.log(`  loaded ${n + batch.length}`)
    }
    const loadMs = performance.now() - loadStart - generateMs
    await store.close()
    console.log(
      `bulk load: ${(loadMs / 1000).toFixed(1)} s (+ ${(generateMs / 1000).toFixed(1)} s generating)`,
    )

    const opens = Array.from({ length: OPEN_RUNS }, () => openFresh(dir))
    for (const o of opens) console.log(`  open: ${ms(o.openMs)} (${o.summaries} summaries)`)
    const openMs = median(opens.map((o) => o.openMs))
    const wallMs = median(opens.map((o) => o.wallMs))
    const heapMiB = median(opens.map((o) => o.heapMiB))
    const hashMapMs = median(opens.map((o) => o.hashMapMs))

    store = await openItemStore(dir)
    const rng = createRng(SEED, 7)
    const edits: number[] = []
    const reads: number[] = []
    for (let i = 0; i < WARMUP + EDITS; i++) {
      const id = ids[rng.int(0, ids.length - 1)]
      let item: Article | undefined
      const readMs = await timed(async () => (item = (await store.get(id)) as Article))
      const changed = { ...item!, tags: [...item!.tags, `edited-${i}`] }
      const putMs = await timed(() => store.put([changed]))
      if (i >= WARMUP) {
        edits.push(putMs)
        reads.push(readMs)
      }
    }
    const adds: number[] = []
    for (let i = 0; i < WARMUP + ADDS; i++) {
      const article = makeArticle(corpus, ARTICLES + i)
      const addMs = await timed(() => store.put([article]))
      if (i >= WARMUP) adds.push(addMs)
    }
    const streamStart = performance.now()
    let streamed = 0
    for await (const item of store.all()) streamed += item.kind === 'article' ? 1 : 0
    const streamMs = performance.now() - streamStart
    await store.close()

    const [editS, readS, addS] = [edits, reads, adds].map((v) => [...v].sort((a, b) => a - b))
    const shards = await dirSize(path.join(dir, 'items'))
    const blobs = await dirSize(path.join(dir, 'blobs'))
    const cpu = os.cpus()
    const load = os.loadavg()[1].toFixed(1)
    const md = [
      `## Storage: ${ARTICLES.toLocaleString('en')} articles (sharded lowdb + content blobs)`,
      '',
      `bench/storage.ts${QUICK ? ' (BENCH_QUICK)' : ''}: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}. ` +
        `Synthetic articles (seed ${SEED}): ~550 words, 1–3 credited captions, 1–4 tags. ` +
        'Every write is durable (temp file, fsync, rename, folder fsync) before it resolves. ' +
        `Load average (5 min) at the end of the run: ${load} on ${cpu.length} cores (a shared machine: figures grow with it).`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| bulk load, \`put\` in batches of ${BATCH.toLocaleString('en')} | ${(loadMs / 1000).toFixed(1)} s (${Math.round(ARTICLES / (loadMs / 1000))} articles/s) |`,
      `| open in a fresh process: \`openItemStore\` (median of ${OPEN_RUNS}) | ${ms(openMs)} |`,
      `| open: process start to exit, incl. Node + tsx startup (median) | ${ms(wallMs)} |`,
      `| first \`idByHash\` after open (builds the content-hash map, median) | ${ms(hashMapMs)} |`,
      `| heap held after open (median) | ${heapMiB.toFixed(0)} MiB |`,
      `| tag edit: \`put\` of one changed item, p50 / p95 (${EDITS} edits) | ${ms(percentile(editS, 50))} / ${ms(percentile(editS, 95))} |`,
      `| read one full item: \`get\`, p50 / p95 | ${ms(percentile(readS, 50))} / ${ms(percentile(readS, 95))} |`,
      `| stream every full item: \`all()\` (index rebuild, export) | ${(streamMs / 1000).toFixed(1)} s for ${streamed.toLocaleString('en')} items |`,
      `| new article: \`put\` of one new item, p50 / p95 (${ADDS} adds) | ${ms(percentile(addS, 50))} / ${ms(percentile(addS, 95))} |`,
      `| shards (\`items/*.json\`) | ${shards.files} files, ${mib(shards.bytes)} (${mib(shards.allocated)} allocated) |`,
      `| blobs (\`blobs/ab/<sha256>\`, bodies) | ${blobs.files.toLocaleString('en')} files, ${mib(blobs.bytes)} (${mib(blobs.allocated)} allocated) |`,
      '',
      `Edits and adds are timed after ${WARMUP} untimed warm-up operations each. Open times are ` +
        'measured inside the child around `openItemStore` (lock, read and check all shards, index ' +
        'the summaries); bodies are not read, and the content-hash map is built on first use.',
      '',
    ].join('\n')
    console.log(md)
    await fs.mkdir(path.join(__dirname, 'results'), { recursive: true })
    await fs.writeFile(path.join(__dirname, 'results', 'storage.md'), md)
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`kept the archive in ${dir}`)
    else await fs.rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--open') {
  void openInChild(process.argv[3])
} else {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
