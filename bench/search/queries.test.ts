import lunr from 'lunr'
import MiniSearch, { type Query } from 'minisearch'
import { describe, expect, it } from 'vitest'
import { createCorpus } from '../corpus/generateCorpus'
import { toBaselineDoc } from './engines'
import { buildQueryMix } from './queries'

const corpus = createCorpus()
const sample = Array.from({ length: 500 }, (_, i) => corpus.article(i))
const mix = buildQueryMix(corpus.model.vocabulary, sample, corpus.seed)

describe('query mix', () => {
  it('has 200 queries of every kind, the same on every run', () => {
    expect(mix).toHaveLength(200)
    expect(buildQueryMix(corpus.model.vocabulary, sample, corpus.seed)).toEqual(mix)
    const kinds = new Set(mix.map((q) => q.kind))
    expect([...kinds].sort()).toEqual(
      [
        'field',
        'fuzzy',
        'name',
        'phrase',
        'prefix',
        'rare word',
        'word',
        'word + filter',
        'words',
      ].sort(),
    )
    for (const prefix of ['title:', 'caption:', 'photographer:', 'agency:', 'tag:']) {
      expect(mix.some((q) => q.ours.startsWith(prefix))).toBe(true)
    }
  })

  it('runs unchanged on plain lunr and MiniSearch, and most queries find something', () => {
    const docs = sample.map(toBaselineDoc)
    const index = lunr(function () {
      this.ref('id')
      for (const f of ['title', 'body', 'caption', 'credit', 'tags']) this.field(f)
      for (const d of docs) this.add(d)
    })
    const mini = new MiniSearch({ fields: ['title', 'body', 'caption', 'credit', 'tags'] })
    mini.addAll(docs)
    let lunrHits = 0
    let miniHits = 0
    for (const q of mix) {
      expect(q.lunr.split(' ').every((clause) => clause.startsWith('+'))).toBe(true)
      if (index.search(q.lunr).length > 0) lunrHits++
      if (mini.search(q.mini as Query).length > 0) miniHits++
    }
    expect(lunrHits).toBeGreaterThan(150)
    expect(miniHits).toBeGreaterThan(170)
  })
})
