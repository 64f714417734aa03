import { DOC_ARTICLE, DOC_ARTICLE_PHOTO, FIELDS, NO_DATE } from './documents'
import { countFacets, segmentIndex, type Matches, type QueryPlan, type Scratch } from './executor'
import type { SegmentSet } from './segmentSet'
import { bestPassage, leadSnippet, wholeSnippet } from './snippets'
import type { Facets, SearchHit, SearchOptions, Snippet } from './types'

const FACET_TOP = 30

export const EMPTY_FACETS: Facets = { tag: [], agency: [], photographer: [], source: [], year: [] }

/**
 * Order the matches (relevance, then newest; or by date) keeping only `offset + limit` of them
 * in a bounded heap, then build hits with snippets for that page only.
 */
export function buildResults(
  set: SegmentSet,
  matches: Matches,
  plan: QueryPlan,
  scratch: Scratch,
  options: SearchOptions,
): { hits: SearchHit[]; facets: Facets; truncated: number[] } {
  const limit = Math.max(0, Math.min(200, options.limit ?? 20))
  const offset = Math.max(0, options.offset ?? 0)
  const sort = options.sort ?? 'relevance'
  const byScore = sort === 'relevance' && matches.scored
  // Dates only matter for date sorts and score ties: look them up lazily for relevance.
  const needDates = !byScore
  const dates = needDates ? globalDates(set, matches) : null
  const dateAt = (g: number, i: number): number => (dates ? dates[i] : dateOf(set, g))
  const score = scratch.score
  const sign = sort === 'oldest' ? -1 : 1
  // "a is better than b"
  const better = (a: number, ai: number, b: number, bi: number): boolean => {
    if (byScore && score[a] !== score[b]) return score[a] > score[b]
    const da = dateAt(a, ai)
    const db = dateAt(b, bi)
    if (da !== db) return sign * (da - db) > 0
    return a < b
  }
  const k = Math.min(offset + limit, matches.count)
  // Min-heap (worst on top) of match indexes.
  const heap: number[] = []
  const worse = (i: number, j: number) => better(matches.docs[j], j, matches.docs[i], i)
  const docs = matches.docs
  for (let i = 0; i < matches.count && k > 0; i++) {
    // Fast path: a lower score than the worst kept hit can never enter the page.
    if (byScore && heap.length === k && score[docs[i]] < score[docs[heap[0]]]) continue
    if (heap.length < k) {
      heap.push(i)
      let c = heap.length - 1
      while (c > 0) {
        const p = (c - 1) >> 1
        if (!worse(heap[c], heap[p])) break
        ;[heap[c], heap[p]] = [heap[p], heap[c]]
        c = p
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i
      let c = 0
      for (;;) {
        const l = 2 * c + 1
        const r = l + 1
        let m = c
        if (l < heap.length && worse(heap[l], heap[m])) m = l
        if (r < heap.length && worse(heap[r], heap[m])) m = r
        if (m === c) break
        ;[heap[c], heap[m]] = [heap[m], heap[c]]
        c = m
      }
    }
  }
  heap.sort((i, j) => (better(matches.docs[i], i, matches.docs[j], j) ? -1 : 1))
  const page = heap.slice(offset).map((i) => matches.docs[i])
  const truncated: number[] = []
  const hits = page.map((g, i) => {
    const { hit, bodyTruncated } = hitFor(set, g, plan, scratch, byScore)
    if (bodyTruncated) truncated.push(i)
    return hit
  })
  const facets = options.facets === false ? EMPTY_FACETS : facetsOf(set, matches, scratch)
  return { hits, facets, truncated }
}

const NONE = NO_DATE

function dateOf(set: SegmentSet, g: number): number {
  const seg = set.segments[segmentIndex(set.segments, g, 0)]
  const d = seg.data.date[g - seg.base]
  return d === NONE ? -2147483647 : d
}

/** Dates of the matches (in doc order), unknown dates last. */
function globalDates(set: SegmentSet, matches: Matches): Int32Array {
  const dates = new Int32Array(matches.count)
  let si = 0
  const segs = set.segments
  for (let i = 0; i < matches.count; i++) {
    const g = matches.docs[i]
    while (g >= segs[si].base + segs[si].n) si++
    const seg = segs[si]
    const d = seg.data.date[g - seg.base]
    dates[i] = d === NONE ? -2147483647 : d
  }
  return dates
}

function facetsOf(set: SegmentSet, matches: Matches, scratch: Scratch): Facets {
  const { values, years } = countFacets(set, matches, FACET_TOP, scratch)
  const [tag, agency, photographer, source] = values
  return { tag, agency, photographer, source, year: years }
}

/** The best passage of an article among its body, captions and credits. */
export function articlePassage(
  body: string,
  photos: readonly { caption: string; credit: { raw: string } | null }[],
  terms: ReadonlySet<string>,
): Snippet {
  const captions = photos.map((p) => p.caption).filter((c) => c.trim() !== '')
  const credits = photos.map((p) => p.credit?.raw ?? '').filter((c) => c.trim() !== '')
  const candidates = [
    bestPassage('body', body, terms),
    bestPassage('caption', captions.join('\n\n'), terms),
    bestPassage('credit', credits.join(' · '), terms),
  ].filter((c) => c !== null)
  candidates.sort((a, b) => b.distinct - a.distinct || b.count - a.count)
  return candidates[0]?.snippet ?? leadSnippet('body', body)
}

function hitFor(
  set: SegmentSet,
  g: number,
  plan: QueryPlan,
  scratch: Scratch,
  scored: boolean,
): { hit: SearchHit; bodyTruncated: boolean } {
  const seg = set.segments[segmentIndex(set.segments, g, 0)]
  const local = g - seg.base
  const doc = seg.stored(local)
  const hitsMask = scratch.fieldHits[g]
  const fields = FIELDS.filter((_, f) => hitsMask & (1 << f))
  const terms = plan.highlightTerms
  const snippets: Snippet[] = [wholeSnippet('title', doc.title, terms)]
  const kind = seg.data.kind[local]
  const base = {
    id: doc.id,
    ref: kind === DOC_ARTICLE_PHOTO && doc.photoId ? `${doc.id}/${doc.photoId}` : doc.id,
    score: scored ? scratch.score[g] : 0,
    fields,
    title: doc.title,
    source: doc.source,
    publishedAt: doc.publishedAt,
    tags: doc.tags,
    snippets,
  }
  if (kind === DOC_ARTICLE) {
    snippets.push(articlePassage(doc.body ?? '', doc.photos ?? [], terms))
    return { hit: { kind: 'article', ...base }, bodyTruncated: doc.bodyTruncated === true }
  }
  const caption = doc.caption ?? ''
  snippets.push(
    caption.length <= 300
      ? wholeSnippet('caption', caption, terms)
      : (bestPassage('caption', caption, terms)?.snippet ?? leadSnippet('caption', caption)),
  )
  if (doc.credit?.raw) snippets.push(wholeSnippet('credit', doc.credit.raw, terms))
  return {
    hit: {
      kind: 'photo',
      ...base,
      photoId: doc.photoId ?? '',
      caption,
      credit: doc.credit ?? null,
      thumbnail: doc.thumbnail,
      ...(doc.edited ? { edited: true } : {}),
    },
    bodyTruncated: false,
  }
}
