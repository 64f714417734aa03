import { ByteReader, ByteWriter, TimeSlicer } from './bytes'
import { FACETS, FIELD_COUNT } from './documents'
import { RecordWriter } from './recordStore'
import { readPostings, Segment, type FieldPosting } from './segment'

/**
 * Merge segments into one, dropping tombstoned documents (their postings go too). Document
 * order is kept (segments in the order given), so a merged segment scores exactly as the parts.
 */
export async function mergeSegments(
  parts: readonly Segment[],
  slicer?: TimeSlicer,
): Promise<Segment> {
  const renumber = parts.map((s) => new Int32Array(s.n).fill(-1))
  let n = 0
  parts.forEach((s, i) => {
    for (let d = 0; d < s.n; d++) if (!s.deleted[d]) renumber[i][d] = n++
  })
  const keys: string[] = []
  const kind = new Uint8Array(n)
  const parent = new Int32Array(n)
  const date = new Int32Array(n)
  const flags = new Uint8Array(n)
  const fieldLen = new Uint32Array(n * FIELD_COUNT)
  const facetMaps = FACETS.map(() => new Map<string, number>())
  const facetOff = FACETS.map(() => new Uint32Array(n + 1))
  const facetIds = FACETS.map(() => [] as number[])
  // Records keep their compressed bytes (and their dictionaries).
  const largest = parts.reduce((a, b) => (b.n > a.n ? b : a), parts[0])
  const records = new RecordWriter(n, largest?.data.storeDicts[0])
  parts.forEach((s, i) => {
    const map = renumber[i]
    for (let d = 0; d < s.n; d++) {
      const nd = map[d]
      if (nd === -1) continue
      keys.push(s.data.keys[d])
      kind[nd] = s.data.kind[d]
      parent[nd] = s.data.parent[d] === -1 ? -1 : map[s.data.parent[d]]
      date[nd] = s.data.date[d]
      flags[nd] = s.data.flags[d]
      fieldLen.set(
        s.data.fieldLen.subarray(d * FIELD_COUNT, (d + 1) * FIELD_COUNT),
        nd * FIELD_COUNT,
      )
      records.copy(s.data, d)
      for (let k = 0; k < FACETS.length; k++) {
        for (const id of s.facetsOf(k, d)) {
          const v = s.data.facetValues[k][id]
          let nid = facetMaps[k].get(v)
          if (nid === undefined) facetMaps[k].set(v, (nid = facetMaps[k].size))
          facetIds[k].push(nid)
        }
        facetOff[k][nd + 1] = facetIds[k].length
      }
    }
  })

  const termSet = new Set<string>()
  for (const s of parts) for (const t of s.data.terms) termSet.add(t)
  const allTerms = [...termSet].sort()
  const terms: string[] = []
  const offsets: number[] = []
  const post = new ByteWriter(1 << 20)
  const lists: (FieldPosting | undefined)[] = []
  const docsOut = Array.from({ length: FIELD_COUNT }, () => new ByteWriter(64))
  const posOut = Array.from({ length: FIELD_COUNT }, () => new ByteWriter(64))
  const counts = new Int32Array(FIELD_COUNT)
  for (const term of allTerms) {
    if (slicer?.due()) await slicer.yield()
    counts.fill(0)
    const last = new Int32Array(FIELD_COUNT).fill(-1)
    for (let f = 0; f < FIELD_COUNT; f++) {
      docsOut[f].length = 0
      posOut[f].length = 0
    }
    parts.forEach((s, i) => {
      const t = s.findTerm(term)
      if (t === -1) return
      readPostings(s, t, lists)
      const map = renumber[i]
      for (let f = 0; f < FIELD_COUNT; f++) {
        const p = lists[f]
        if (!p) continue
        const dr = new ByteReader(s.data.post, p.docStart)
        const pr = new ByteReader(s.data.post, p.posStart)
        let doc = -1
        for (let j = 0; j < p.count; j++) {
          doc += dr.varint()
          const tf = dr.varint()
          const nd = map[doc]
          if (nd === -1) {
            for (let k = 0; k < tf; k++) pr.varint()
            continue
          }
          docsOut[f].varint(nd - last[f])
          docsOut[f].varint(tf)
          last[f] = nd
          counts[f]++
          for (let k = 0; k < tf; k++) posOut[f].varint(pr.varint())
        }
      }
    })
    let mask = 0
    for (let f = 0; f < FIELD_COUNT; f++) if (counts[f] > 0) mask |= 1 << f
    if (mask === 0) continue
    terms.push(term)
    offsets.push(post.length)
    post.byte(mask)
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (!counts[f]) continue
      post.varint(counts[f])
      post.varint(docsOut[f].length)
      post.varint(posOut[f].length)
    }
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (!counts[f]) continue
      post.bytes(docsOut[f].buf.subarray(0, docsOut[f].length))
      post.bytes(posOut[f].buf.subarray(0, posOut[f].length))
    }
  }
  offsets.push(post.length)
  const { words, wordTerm } = mergeWords(parts, terms)
  return new Segment({
    n,
    keys,
    kind,
    parent,
    date,
    flags,
    fieldLen,
    terms,
    termOff: Uint32Array.from(offsets),
    post: post.finish(),
    words,
    wordTerm,
    facetValues: facetMaps.map((m) => [...m.keys()]),
    facetOff,
    facetIds: facetIds.map((ids) => Uint32Array.from(ids)),
    ...records.finish(),
  })
}

/** The parts' surface words whose term is still indexed, pointing at the merged terms. */
function mergeWords(
  parts: readonly Segment[],
  terms: readonly string[],
): { words: string[]; wordTerm: Uint32Array } {
  const termIndex = new Map(terms.map((t, i) => [t, i]))
  const byWord = new Map<string, number>()
  for (const s of parts)
    s.data.words.forEach((w, i) => {
      const t = termIndex.get(s.data.terms[s.data.wordTerm[i]])
      if (t !== undefined) byWord.set(w, t)
    })
  const words = [...byWord.keys()].sort()
  return { words, wordTerm: Uint32Array.from(words, (w) => byWord.get(w)!) }
}
