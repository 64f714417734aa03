/**
 * Writes typoQueries.json: every seed query (seedQueries.ts) misspelt once or twice as people
 * mistype (testing/misspell.ts), with the BBC article the correct spelling ranks first. The
 * misspellings are deterministic (seeded) and never words of the corpus themselves.
 *
 *   npx tsx tests/search/typos/generateTypoSet.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRng } from '../../../bench/corpus/prng'
import { createSearchEngine } from '../../../main/core/search/index'
import { EDIT_KINDS, misspell, type EditKind } from '../../../main/core/search/testing/misspell'
import { closeWords } from '../../../main/core/search/vocabulary'
import { bbcArticles } from './bbcArticles'
import { SEED_QUERIES } from './seedQueries'
import type { TypoQuery } from './typoSet'

function distance(a: string, b: string): number {
  let d = 3
  closeWords([a.toLowerCase()], b.toLowerCase(), 2, (_, dist) => (d = dist))
  return d
}

async function main(): Promise<void> {
  const articles = bbcArticles()
  const engine = createSearchEngine({ dir: null, workers: 0 })
  await engine.open(async function* () {
    yield* articles
  }, articles.length)
  const rng = createRng(2026, 12)
  const random = () => rng.next()
  const inCorpus = (word: string) =>
    engine.searchSync(`=${word}`, { typos: false, facets: false, limit: 1 }).total > 0
  const out: TypoQuery[] = []
  SEED_QUERIES.forEach((seed, i) => {
    const exact = engine.searchSync(seed.query, { typos: false, facets: false, limit: 5 })
    if (exact.hits.length === 0) {
      console.log(`skipped: "${seed.query}" finds nothing`)
      return
    }
    const target = exact.hits[0].id
    // Users often type everything in lower case.
    const typed = i % 3 === 2 ? seed.query.toLowerCase() : seed.query
    const words = typed.split(' ')
    const byLength = words.map((w, at) => ({ w, at })).sort((a, b) => b.w.length - a.w.length)
    const kinds: EditKind[] = [EDIT_KINDS[i % 4], EDIT_KINDS[(i + 1 + (i >> 2)) % 4]]
    const twice = i % 5 < 2
    const plan: { at: number; kinds: EditKind[] }[] = []
    if (twice && byLength[0].w.length >= 8) plan.push({ at: byLength[0].at, kinds })
    else if (twice && byLength[1] && byLength[1].w.length >= 4)
      plan.push({ at: byLength[0].at, kinds: [kinds[0]] }, { at: byLength[1].at, kinds: [kinds[1]] })
    else plan.push({ at: byLength[0].at, kinds: [kinds[0]] })
    const misspelt = [...words]
    for (const p of plan) {
      let typo: string | null = null
      for (let t = 0; t < 30 && typo === null; t++) {
        const candidate = misspell(words[p.at], p.kinds, random)
        if (candidate && distance(words[p.at], candidate) === p.kinds.length && !inCorpus(candidate))
          typo = candidate
      }
      if (typo === null) throw new Error(`no misspelling for "${words[p.at]}"`)
      misspelt[p.at] = typo
    }
    out.push({
      query: misspelt.join(' '),
      intended: seed.query,
      target,
      kind: seed.kind,
      edits: plan.flatMap((p) => p.kinds),
    })
  })
  const file = join(__dirname, 'typoQueries.json')
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`)
  console.log(`${out.length} misspelt queries → ${file}`)
}

void main()
