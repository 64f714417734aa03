/**
 * Tag-suggestion benchmark on the BBC News corpus (2,225 articles, five categories). Writes
 * bench/results/suggest.md.
 *
 * 1. Category precision. The corpus is split by id (3 of every 10 articles held out). From the
 *    training split a desk-style keyword list is learnt (bench/corpus/categoryKeywords.ts:
 *    names met mid-sentence in ≥ 4 training articles, ≥ 80 % of them in one category, at most
 *    200 per category) and imported as a tab-indented list `Category/Name`. The held-out
 *    articles are archived without tags; for each, the top 5 chips are taken, and a chip is
 *    correct when its category (first path segment) is the article's category.
 * 2. Hand-checked sample: bench/fixtures/suggest-hand-checked.json holds 37 held-out articles
 *    (every 6th of the BENCH_QUICK set, i.e. every 18th held-out article) with the top-5 chips
 *    one reviewer judged on 2026-12-03 against the article text: accepted when a desk would
 *    keep the tag on the story (the name is a subject or a main actor of it, and its branch is
 *    right), rejected otherwise (a passing mention, a fragment like `Corp` or `Foreign
 *    Secretary Jack`, a wrong branch like `Sport/Madrid` on a banking story). Precision =
 *    accepted / judged among today's top 5; chips nobody judged (the ranking changed since)
 *    are counted apart. Only ids and tags are stored, never the article text.
 * 3. Cost per item: suggest() on every held-out article (warm and first call), with and
 *    without the new-names pass, and the vocabulary's compile time.
 *
 *   npx tsx bench/suggest.ts                # all 664 held-out articles (about 1 minute)
 *   BENCH_QUICK=1 npx tsx bench/suggest.ts  # every third held-out article
 */
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createArchive } from '../main/core/archive'
import type { Article } from '../main/core/model'
import { createSearchEngine } from '../main/core/search'
import { createMemoryStore } from '../main/core/storage'
import { compileVocabulary } from '../main/core/suggest/compiledVocabulary'
import { readVocabulary } from '../main/core/vocabulary/readVocabulary'
import { loadBbcArticles } from './corpus/bbcArticles'
import { categoryKeywordList, isHeldOut } from './corpus/categoryKeywords'
import { readBbcRecords } from './corpus/wordModel'

const QUICK = process.env.BENCH_QUICK === '1'
const TOP = 5
const RUNS = 3

interface Judgement {
  id: string
  accepted: string[]
  rejected: string[]
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`)
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]
}

async function main(): Promise<void> {
  const records = readBbcRecords()
  const train = records.filter((r) => !isHeldOut(r))
  const heldOut = records.filter(isHeldOut)
  const keywords = categoryKeywordList(train)
  const judged = JSON.parse(
    readFileSync(path.join(__dirname, 'fixtures', 'suggest-hand-checked.json'), 'utf8'),
  ) as Judgement[]
  const judgedIds = new Set(judged.map((j) => j.id))
  const evaluated = QUICK ? heldOut.filter((r, i) => i % 3 === 0 || judgedIds.has(r.id)) : heldOut
  const articles: Article[] = loadBbcArticles(evaluated).map((a) => ({ ...a, tags: [] }))

  const store = createMemoryStore()
  const engine = createSearchEngine({ dir: null, workers: 0 })
  await engine.open(async function* () {}, 0)
  const archive = createArchive({ store, search: engine, importers: [] })
  for (let i = 0; i < articles.length; i += 200) await archive.restore(articles.slice(i, i + 200))
  const list = await archive.importVocabulary(Buffer.from(keywords.text), 'bbc-train-keywords.txt')

  const compileTimes: number[] = []
  const terms = readVocabulary(Buffer.from(keywords.text), 'x').terms
  for (let i = 0; i < 5; i++) {
    const s = performance.now()
    compileVocabulary(terms, [], archive.aliases())
    compileTimes.push(performance.now() - s)
  }

  // Category precision, first (cold document counts) and warm passes.
  let chips = 0
  let correct = 0
  let withChips = 0
  let top1 = 0
  const cold: number[] = []
  const top5 = new Map<string, string[]>()
  for (let i = 0; i < articles.length; i++) {
    const s = performance.now()
    const r = await archive.suggest(articles[i].id)
    cold.push(performance.now() - s)
    const shown = r.suggestions.slice(0, TOP)
    top5.set(
      evaluated[i].id,
      shown.map((x) => x.tag),
    )
    const category = evaluated[i].category.toLowerCase()
    const ok = (tag: string) => tag.split('/')[0].toLowerCase() === category
    chips += shown.length
    correct += shown.filter((x) => ok(x.tag)).length
    if (shown.length > 0) withChips++
    if (shown[0] && ok(shown[0].tag)) top1++
  }
  // The same without the least-weight rule (every occurrence may make a chip).
  let loose = 0
  let looseCorrect = 0
  let looseWith = 0
  const looseTop5 = new Map<string, string[]>()
  for (let i = 0; i < articles.length; i++) {
    const shown = (
      await archive.suggest(articles[i].id, { newNames: false, minWeight: 0 })
    ).suggestions.slice(0, TOP)
    const category = evaluated[i].category.toLowerCase()
    loose += shown.length
    looseCorrect += shown.filter((x) => x.tag.split('/')[0].toLowerCase() === category).length
    if (shown.length > 0) looseWith++
    looseTop5.set(
      evaluated[i].id,
      shown.map((x) => x.tag),
    )
  }
  // Warm passes: the median of each pass's median (and p95), over RUNS passes.
  const warmRuns: number[][] = []
  const noNameRuns: number[][] = []
  for (let run = 0; run < RUNS; run++) {
    const w: number[] = []
    const n: number[] = []
    for (const a of articles) {
      let s = performance.now()
      await archive.suggest(a.id)
      w.push(performance.now() - s)
      s = performance.now()
      await archive.suggest(a.id, { newNames: false })
      n.push(performance.now() - s)
    }
    warmRuns.push(w)
    noNameRuns.push(n)
  }
  const ofRuns = (runs: number[][], p: number) =>
    q(
      runs.map((r) => q(r, p)),
      0.5,
    )

  // Hand-checked sample.
  const handCheck = (chipsOf: Map<string, string[]>) => {
    let accepted = 0
    let rejected = 0
    let unjudged = 0
    for (const j of judged) {
      for (const tag of chipsOf.get(j.id) ?? []) {
        if (j.accepted.includes(tag)) accepted++
        else if (j.rejected.includes(tag)) rejected++
        else unjudged++
      }
    }
    const judgedChips = accepted + rejected
    return `${pct(accepted / Math.max(1, judgedChips))} (${accepted} / ${judgedChips}; ${judged.length} articles, ${unjudged} of ${judgedChips + unjudged} chips not judged)`
  }
  await archive.close()

  const cpu = os.cpus()
  const md = [
    '## Tag suggestions (BBC News)',
    '',
    `bench/suggest.ts${QUICK ? ' (BENCH_QUICK)' : ''}: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. ` +
      `Memory archive of ${articles.length} held-out BBC articles (ids with number mod 10 ≥ 7), archived without tags; ` +
      `vocabulary learnt from the ${train.length} training articles: names met mid-sentence in ≥ 4 of them, ≥ 80 % in one category, ` +
      `≤ 200 per category (${keywords.terms} names under 5 category lines, imported as a tab-indented list “Category/Name”: ${list.terms} distinct terms). ` +
      'A chip needs field-weighted occurrences ≥ 1.5 (one in the headline, lede, a caption or credit, or two in the body). ' +
      'Suggestions are computed when the reader opens an item, never at import: import rates are unchanged.',
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| precision of the top ${TOP} chips (chip’s category = article’s category) | ${pct(correct / Math.max(1, chips))} (${correct} / ${chips}) |`,
    `| top chip in the article’s category | ${pct(top1 / Math.max(1, withChips))} (${top1} / ${withChips}) |`,
    `| articles with at least one chip | ${pct(withChips / articles.length)} (${withChips} / ${articles.length}) |`,
    `| chips per article (of ${TOP} at most) | ${(chips / articles.length).toFixed(2)} |`,
    `| without the least-weight rule (a single mention deep in the body may make a chip): precision | ${pct(looseCorrect / Math.max(1, loose))} (${looseCorrect} / ${loose}), ${pct(looseWith / articles.length)} of articles with a chip, ${(loose / articles.length).toFixed(2)} chips per article |`,
    `| hand-checked sample: accepted / judged top-${TOP} chips | ${handCheck(top5)} |`,
    `| hand-checked sample, without the least-weight rule | ${handCheck(looseTop5)} |`,
    '',
    `Cost per item (${articles.length} articles; p50 / p95 over the items, warm rows: median of ${RUNS} passes):`,
    '',
    '| call | p50 | p95 |',
    '| --- | ---: | ---: |',
    `| suggest, first call per item (document counts from the index) | ${ms(q(cold, 0.5))} | ${ms(q(cold, 0.95))} |`,
    `| suggest, again (counts cached) with new names (compromise) | ${ms(ofRuns(warmRuns, 0.5))} | ${ms(ofRuns(warmRuns, 0.95))} |`,
    `| suggest, again, without new names | ${ms(ofRuns(noNameRuns, 0.5))} | ${ms(ofRuns(noNameRuns, 0.95))} |`,
    `| compiling the vocabulary (${terms.length} terms, median of 5) | ${ms(q(compileTimes, 0.5))} | |`,
    '',
  ]
  await writeFile(path.join(__dirname, 'results', 'suggest.md'), md.join('\n'))
  console.log(md.join('\n'))
  if (process.env.SUGGEST_DUMP) {
    await writeFile(
      process.env.SUGGEST_DUMP,
      JSON.stringify(
        evaluated
          .filter((r) => judgedIds.has(r.id) || process.env.SUGGEST_DUMP_ALL)
          .map((r) => ({ id: r.id, title: r.title, chips: top5.get(r.id) })),
        null,
        1,
      ),
    )
  }
}

void main()
