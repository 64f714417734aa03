import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
} from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Article } from '../../main/core/model'
import { benchDataDir } from './corpusPaths'
import { generateArticles, type Corpus } from './generateCorpus'

/** Bump when the generator changes so stale cached corpora are not reused. */
const GENERATOR_VERSION = 1

/** The cache file holding the first `count` generated articles of `seed`, one JSON per line. */
export function corpusFilePath(seed: number, count: number): string {
  return path.join(benchDataDir(), `corpus-v${GENERATOR_VERSION}-s${seed}-n${count}.jsonl`)
}

/**
 * Make sure the generated corpus of `count` articles exists on disk (generating it once takes
 * about 0.5 ms per article, ~50 s at 100k) and return its path. Benchmark child processes then
 * stream it instead of each regenerating it. Article `i` is identical in every file of the same
 * seed, so a prefix of a bigger file is the smaller corpus: a cached bigger file is returned
 * as is (read it with a `limit`).
 */
export async function ensureCorpusFile(corpus: Corpus, count: number): Promise<string> {
  const file = corpusFilePath(corpus.seed, count)
  if (existsSync(file)) return file
  const bigger = biggerCorpusFile(corpus.seed, count)
  if (bigger) return bigger
  mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.partial`
  const out = createWriteStream(partial)
  for (const article of generateArticles(corpus, count)) {
    if (!out.write(JSON.stringify(article) + '\n')) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  renameSync(partial, file)
  return file
}

/** The smallest cached file of the same seed holding at least `count` articles (its prefix). */
function biggerCorpusFile(seed: number, count: number): string | null {
  const dir = benchDataDir()
  if (!existsSync(dir)) return null
  const prefix = `corpus-v${GENERATOR_VERSION}-s${seed}-n`
  const sizes = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
    .map((f) => Number(f.slice(prefix.length, -'.jsonl'.length)))
    .filter((n) => Number.isInteger(n) && n >= count)
    .sort((a, b) => a - b)
  return sizes.length > 0 ? corpusFilePath(seed, sizes[0]) : null
}

/** Stream the first `limit` articles of a corpus file, one parsed article at a time. */
export async function* readCorpusFile(file: string, limit = Infinity): AsyncGenerator<Article> {
  if (limit <= 0) return
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let n = 0
  try {
    for await (const line of lines) {
      if (line === '') continue
      yield JSON.parse(line) as Article
      if (++n >= limit) break
    }
  } finally {
    lines.close()
  }
}
