import { readFileSync } from 'node:fs'
import path from 'node:path'
import { corpusDir } from './corpusPaths'
import { sampleCumulative, type Rng } from './prng'

/** One real BBC article as stored in `bbc-news.jsonl`. */
export interface BbcRecord {
  id: string
  category: string
  title: string
  text: string
}

/**
 * A word-bigram model of real English news text, learnt at run time from the BBC corpus (which
 * stays outside the repo). Sentences are walks through the bigram graph; with probability
 * `UNIGRAM_MIX` a step jumps to a word drawn by unigram frequency, which breaks long verbatim
 * runs and gives rare words their real (Zipfian) chance.
 */
export interface WordModel {
  /** A generated sentence of real words (capitalised, ending with a full stop). */
  sentence(rng: Rng, maxWords?: number): string
  /** A headline-like phrase of `min`–`max` words, no final stop. */
  headline(rng: Rng, min: number, max: number): string
  /** Lower-case alphabetic words with their corpus counts, most frequent first. */
  vocabulary: readonly WordCount[]
  /** Lower-case adjacent alphabetic word pairs with counts, most frequent first. */
  pairs: readonly WordCount[]
}

export interface WordCount {
  word: string
  count: number
}

const START = 0
const END = 1
const COMMA = 2
/** Share of steps that jump to a unigram draw instead of following the bigram. */
const UNIGRAM_MIX = 0.12

const TOKEN = /[\p{L}\p{N}£$][\p{L}\p{N}£$%'’.-]*[\p{L}\p{N}%]|[\p{L}\p{N}£$%]|,/gu
const SENTENCE_SPLIT = /(?<=[.!?])\s+(?=["'‘“A-Z0-9£$])/

/** Read the 2,225 BBC articles (UTF-8 JSON Lines derived from the BBC News dataset). */
export function readBbcRecords(): BbcRecord[] {
  const file = path.join(corpusDir(), 'bbc-news', 'bbc-news.jsonl')
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BbcRecord)
}

/** Learn the model from the BBC corpus. Takes about a second. Throws if the corpus is missing. */
export function loadWordModel(records: readonly BbcRecord[] = readBbcRecords()): WordModel {
  const ids = new Map<string, number>([
    ['<s>', START],
    ['</s>', END],
    [',', COMMA],
  ])
  const words: string[] = ['<s>', '</s>', ',']
  const idOf = (w: string): number => {
    let id = ids.get(w)
    if (id === undefined) {
      id = words.length
      ids.set(w, id)
      words.push(w)
    }
    return id
  }
  const bigrams = new Map<number, Map<number, number>>()
  const unigram: number[] = []
  const lowerCounts = new Map<string, number>()
  const pairCounts = new Map<string, number>()

  for (const record of records) {
    for (const paragraph of record.text.split(/\n\s*\n/)) {
      for (const sentence of paragraph.split(SENTENCE_SPLIT)) {
        const tokens = sentence.match(TOKEN)
        if (!tokens || tokens.length < 3) continue
        let prev = START
        let prevAlpha: string | null = null
        for (const token of tokens) {
          const id = idOf(token)
          countBigram(bigrams, prev, id)
          unigram[id] = (unigram[id] ?? 0) + 1
          prev = id
          const lower = /^\p{L}+$/u.test(token) ? token.toLowerCase() : null
          if (lower) {
            lowerCounts.set(lower, (lowerCounts.get(lower) ?? 0) + 1)
            if (prevAlpha) {
              const pair = `${prevAlpha} ${lower}`
              pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1)
            }
          }
          prevAlpha = lower
        }
        countBigram(bigrams, prev, END)
      }
    }
  }

  // Compact successor tables: per word, successor ids and cumulative counts.
  const successors: Int32Array[] = []
  const cumulative: Uint32Array[] = []
  for (const [from, next] of bigrams) {
    const ids2 = new Int32Array(next.size)
    const cum = new Uint32Array(next.size)
    let i = 0
    let sum = 0
    for (const [to, count] of next) {
      sum += count
      ids2[i] = to
      cum[i] = sum
      i++
    }
    successors[from] = ids2
    cumulative[from] = cum
  }
  const unigramIds: number[] = []
  const unigramCum: number[] = []
  let total = 0
  for (let id = COMMA + 1; id < words.length; id++) {
    total += unigram[id] ?? 0
    unigramIds.push(id)
    unigramCum.push(total)
  }

  const nextWord = (prev: number, rng: Rng, position: number): number => {
    if (position > 1 && rng.chance(UNIGRAM_MIX)) {
      return unigramIds[sampleCumulative(unigramCum, rng)]
    }
    const succ = successors[prev]
    if (!succ) return END
    return succ[sampleCumulative(cumulative[prev], rng)]
  }

  const walk = (rng: Rng, maxWords: number): number[] => {
    const out: number[] = []
    let prev = START
    let attempts = 0
    while (out.length < maxWords) {
      let id = nextWord(prev, rng, out.length)
      // Very short sentences read oddly: retry the end a few times.
      if (id === END && out.length < 5 && attempts++ < 8) continue
      if (id === END) break
      if (id === COMMA && (prev === COMMA || out.length === 0)) continue
      if (id === START) id = END
      if (id === END) break
      out.push(id)
      prev = id
    }
    while (out.length > 0 && out[out.length - 1] === COMMA) out.pop()
    return out
  }

  const render = (tokens: number[]): string => {
    let text = ''
    for (const id of tokens) {
      const w = words[id]
      text += id === COMMA ? ',' : text === '' ? w : ' ' + w
    }
    return text.charAt(0).toUpperCase() + text.slice(1)
  }

  const byCount = (m: Map<string, number>): WordCount[] =>
    [...m]
      .map(([word, count]) => ({ word, count }))
      .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))

  return {
    sentence(rng, maxWords = 40) {
      return render(walk(rng, maxWords)) + '.'
    },
    headline(rng, min, max) {
      for (let attempt = 0; ; attempt++) {
        const tokens = walk(rng, max).filter((id) => id !== COMMA)
        if (tokens.length >= min || attempt > 10) return render(tokens.slice(0, max))
      }
    },
    vocabulary: byCount(lowerCounts),
    pairs: byCount(pairCounts),
  }
}

function countBigram(bigrams: Map<number, Map<number, number>>, from: number, to: number): void {
  let next = bigrams.get(from)
  if (!next) bigrams.set(from, (next = new Map()))
  next.set(to, (next.get(to) ?? 0) + 1)
}
