import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import path from 'node:path'
import lunr from 'lunr'
import MiniSearch, { type Query as MiniQuery } from 'minisearch'
import type { Article } from '../../main/core/model'
import { openSearchEngine } from '../../main/core/search'
import type { SearchEngine } from '../../main/core/search/types'
import type { BenchQuery } from './queries'

export type EngineName = 'ours' | 'minisearch' | 'lunr'

/** The calls the benchmark makes, the same for every engine. */
export interface BenchEngine {
  /** Index `count` articles; resolves when they are searchable (and, for ours, persisted). */
  build(
    articles: AsyncIterable<Article>,
    count: number,
    onProgress: (done: number) => void,
  ): Promise<void>
  /** Write the index into `dir` (ours already keeps it there). */
  save(): Promise<void>
  /** A fresh process: load the index from `dir`. */
  load(articles: () => AsyncIterable<Article>, count: number): Promise<void>
  /** Run one query of the mix: the number of matching documents and the first 10 ids. */
  search(query: BenchQuery): Promise<BenchHits>
  /** Add one article; resolves when it is searchable. */
  add(article: Article): Promise<void>
  close(): Promise<void>
}

export interface BenchHits {
  total: number
  top: string[]
}

/** The fields the plain baselines index, one string each (title/body/caption/credit/tags). */
export interface BaselineDoc {
  id: string
  title: string
  body: string
  caption: string
  credit: string
  tags: string
}

const FIELDS = ['title', 'body', 'caption', 'credit', 'tags'] as const

/** An article flattened into the baselines' five fields. */
export function toBaselineDoc(a: Article): BaselineDoc {
  return {
    id: a.id,
    title: a.title,
    body: a.body.join('\n\n'),
    caption: a.photos.map((p) => p.caption).join('\n'),
    credit: a.photos.map((p) => p.credit?.raw ?? '').join('\n'),
    tags: a.tags.join(' '),
  }
}

/** Plain lunr 2.3.9 as its docs show it, fed document by document through `lunr.Builder`. */
export function createLunrEngine(dir: string): BenchEngine {
  const file = path.join(dir, 'lunr-index.jsonl')
  let index: lunr.Index | null = null
  const newBuilder = (): lunr.Builder => {
    const builder = new lunr.Builder()
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer)
    builder.searchPipeline.add(lunr.stemmer)
    builder.ref('id')
    for (const f of FIELDS) builder.field(f)
    return builder
  }
  const ready = (): lunr.Index => {
    if (!index) throw new Error('lunr: no index')
    return index
  }
  return {
    async build(articles, _count, onProgress) {
      const builder = newBuilder()
      let n = 0
      for await (const a of articles) {
        builder.add(toBaselineDoc(a))
        if (++n % 1000 === 0) onProgress(n)
      }
      index = builder.build()
    },
    async save() {
      await mkdir(dir, { recursive: true })
      await saveLunrIndex(ready(), file)
    },
    async load() {
      index = await loadLunrIndex(file)
    },
    async search(query) {
      const hits = ready().search(query.lunr)
      return { total: hits.length, top: hits.slice(0, 10).map((h) => h.ref) }
    },
    async add() {
      // A lunr index is immutable: adding one document means rebuilding all of it. The harness
      // reports the build time instead of running a second full build.
      throw new Error('lunr cannot add to a built index')
    },
    async close() {
      index = null
    },
  }
}

/** `lunr.Index.toJSON()`'s shape. */
interface LunrIndexJson {
  version: string
  fields: string[]
  fieldVectors: unknown[]
  invertedIndex: unknown[]
  pipeline: string[]
}

const LUNR_CHUNK = 2000

/**
 * Write `index.toJSON()` as JSON Lines (a header, then chunks of field vectors and postings):
 * at 50k articles the single JSON string would pass V8's ~512 MB string limit. Loading parses the
 * same JSON, chunk by chunk, into the object `lunr.Index.load` takes.
 */
async function saveLunrIndex(index: lunr.Index, file: string): Promise<void> {
  const data = index.toJSON() as LunrIndexJson
  const out = createWriteStream(file)
  const write = async (value: unknown): Promise<void> => {
    if (!out.write(JSON.stringify(value) + '\n')) await once(out, 'drain')
  }
  await write({ version: data.version, fields: data.fields, pipeline: data.pipeline })
  for (let i = 0; i < data.fieldVectors.length; i += LUNR_CHUNK) {
    await write(['v', data.fieldVectors.slice(i, i + LUNR_CHUNK)])
  }
  for (let i = 0; i < data.invertedIndex.length; i += LUNR_CHUNK) {
    await write(['i', data.invertedIndex.slice(i, i + LUNR_CHUNK)])
  }
  out.end()
  await once(out, 'finish')
}

async function loadLunrIndex(file: string): Promise<lunr.Index> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let data: LunrIndexJson | null = null
  for await (const line of lines) {
    if (line === '') continue
    const value = JSON.parse(line) as LunrIndexJson | ['v' | 'i', unknown[]]
    if (!Array.isArray(value)) data = { ...value, fieldVectors: [], invertedIndex: [] }
    else if (!data) throw new Error(`${file}: no header line`)
    else
      for (const entry of value[1])
        (value[0] === 'v' ? data.fieldVectors : data.invertedIndex).push(entry)
  }
  if (!data) throw new Error(`${file}: empty`)
  return lunr.Index.load(data)
}

/** MiniSearch 7 with its defaults (no stemming, no stop words) over the same five fields. */
export function createMiniSearchEngine(dir: string): BenchEngine {
  const file = path.join(dir, 'minisearch-index.json')
  const options = { fields: [...FIELDS], idField: 'id' }
  let index: MiniSearch<BaselineDoc> | null = null
  const ready = (): MiniSearch<BaselineDoc> => {
    if (!index) throw new Error('minisearch: no index')
    return index
  }
  return {
    async build(articles, _count, onProgress) {
      const ms = new MiniSearch<BaselineDoc>(options)
      let n = 0
      for await (const a of articles) {
        ms.add(toBaselineDoc(a))
        if (++n % 1000 === 0) onProgress(n)
      }
      index = ms
    },
    async save() {
      await mkdir(dir, { recursive: true })
      await writeFile(file, JSON.stringify(ready()))
    },
    async load() {
      index = MiniSearch.loadJSON<BaselineDoc>(await readFile(file, 'utf8'), options)
    },
    async search(query) {
      const hits = ready().search(query.mini as MiniQuery)
      return { total: hits.length, top: hits.slice(0, 10).map((h) => String(h.id)) }
    },
    async add(article) {
      ready().add(toBaselineDoc(article))
    },
    async close() {
      index = null
    },
  }
}

/**
 * Our engine as the archive runs it (`openSearchEngine`: the index in its own worker thread)
 * through its public interface: `open` builds (or loads) the persisted index in `dir`; queries
 * go through `search(q, { limit: 20 })`, which includes facet counts and snippets for the top
 * 20, plus the round trip to the worker.
 */
export async function createOurEngine(dir: string): Promise<BenchEngine> {
  let engine: SearchEngine | null = null
  const ready = (): SearchEngine => {
    if (!engine) throw new Error('ours: not open')
    return engine
  }
  return {
    async build(articles, count, onProgress) {
      await mkdir(dir, { recursive: true })
      engine = await openSearchEngine({ dir })
      let n = 0
      async function* counted(): AsyncGenerator<Article> {
        for await (const a of articles) {
          yield a
          if (++n % 1000 === 0) onProgress(n)
        }
      }
      await engine.open(() => counted(), count)
    },
    async save() {
      // The engine persists as it builds; closing flushes whatever is pending.
    },
    async load(articles, count) {
      engine = await openSearchEngine({ dir })
      await engine.open(articles, count)
    },
    async search(query) {
      const result = await ready().search(query.ours, { limit: 20 })
      // Article ids (a photo hit is its article's, as the baselines index whole articles).
      const top = [...new Set(result.hits.map((h) => h.id))].slice(0, 10)
      return { total: result.total, top }
    },
    async add(article) {
      await ready().upsert([article])
    },
    async close() {
      await engine?.close()
      engine = null
    },
  }
}

/** The engine adapter by name. */
export async function createBenchEngine(name: EngineName, dir: string): Promise<BenchEngine> {
  if (name === 'lunr') return createLunrEngine(dir)
  if (name === 'minisearch') return createMiniSearchEngine(dir)
  return createOurEngine(dir)
}
