import type { ArchiveItem } from '../model'
import { analyseChunk, forEachChunk } from './analyzer'
import { ByteReader, ByteWriter } from './bytes'
import { FACETS, FIELD_COUNT, FIELDS, FLAG_UNTAGGED } from './documents'
import { photoTagsOf, recordTagsLine, RecordWriter } from './recordStore'
import { readPostings, Segment, type FieldPosting } from './segment'
import type { SegmentSet } from './segmentSet'
import type { TagOnlyItem } from './types'
import { isCorrectable, surfaceOf } from './vocabulary'

const TAG_FIELD = FIELDS.indexOf('tag')
const TAG_FACET = FACETS.indexOf('tag')
const FACET_COUNT = FACETS.length
/** As in buildSegment: token positions above this share a slot. */
const POS_SPAN = 2097152

export type { TagOnlyItem }

/** The part of an item retagging reads, for sending to the search worker. */
export function tagOnly(item: ArchiveItem): TagOnlyItem {
  return item.kind === 'photo'
    ? { kind: 'photo', id: item.id, tags: item.tags }
    : {
        kind: 'article',
        id: item.id,
        tags: item.tags,
        photos: item.photos.map((p) => (p.tags ? { id: p.id, tags: p.tags } : { id: p.id })),
      }
}

/** What an item's documents say about tags (the rest of each document is unchanged). */
interface DocTags {
  /** The tag field's text, as `documentsOf` writes it. */
  text: string
  facet: string[]
  untagged: boolean
}

/** Per document of the item, in index order: article (or standalone photo) first, then photos. */
function docTags(item: TagOnlyItem): { keys: string[]; tags: DocTags[] } {
  if (item.kind === 'photo') {
    return {
      keys: [item.id],
      tags: [
        {
          text: item.tags.join(' \n '),
          facet: [...new Set(item.tags)],
          untagged: item.tags.length === 0,
        },
      ],
    }
  }
  const keys = [item.id]
  const tags: DocTags[] = [
    {
      text: item.tags.join(' \n '),
      facet: [...new Set(item.tags)],
      untagged: item.tags.length === 0,
    },
  ]
  for (const p of item.photos ?? []) {
    const own = p.tags ?? []
    keys.push(`${item.id}#${p.id}`)
    tags.push({
      text: own.join(' \n '),
      facet: [...new Set([...item.tags, ...own])],
      untagged: item.tags.length === 0 && own.length === 0,
    })
  }
  return { keys, tags }
}

/**
 * The item with every photo's own tags: as given, or for an article whose photos were left
 * out, as its record's tag line holds them (null when the index holds no record of it: it
 * needs a full upsert). Its photos are the documents after its first, in order.
 */
function withIndexedPhotos(
  item: TagOnlyItem,
  seg: Segment,
  first: number,
  count: number,
): TagOnlyItem | null {
  if (item.kind === 'photo' || item.photos) return item
  const line = seg.data.recordTags[first]
  if (!line) return null
  const own = photoTagsOf(line)
  const photos: { id: string; tags?: string[] }[] = []
  for (let j = 1; j < count; j++) {
    const key = seg.data.keys[first + j]
    const id = key.slice(key.indexOf('#') + 1)
    photos.push(Object.hasOwn(own, id) ? { id, tags: own[id] } : { id })
  }
  return { ...item, photos }
}

/**
 * Index items whose only change since they were indexed is their tags (bulk tagging), without
 * analysing their text again: their documents are copied out of the segments that hold them —
 * postings and positions of every field but `tag`, lengths, facets, dates, flags, records —
 * and only the tag field is analysed afresh. The result is the segment `buildSegment` would
 * make from the items (same terms, frequencies and positions), at a fraction of the cost.
 *
 * Items whose documents do not line up with the index (a photo added or gone, not indexed)
 * are returned in `rest`, for a normal upsert.
 */
export function buildRetaggedSegment<T extends TagOnlyItem>(
  set: SegmentSet,
  items: readonly T[],
): { seg: Segment | null; ids: string[]; rest: T[] } {
  const rest: T[] = []
  const picked: { item: TagOnlyItem; seg: Segment; first: number; tags: DocTags[] }[] = []
  for (const item of items) {
    const at = set.items.get(item.id)
    const full = at === undefined ? null : withIndexedPhotos(item, at.seg, at.first, at.count)
    if (!full) {
      rest.push(item)
      continue
    }
    const { keys, tags } = docTags(full)
    const lines =
      at !== undefined &&
      at.count === keys.length &&
      keys.every((k, j) => at.seg.data.keys[at.first + j] === k && !at.seg.deleted[at.first + j])
    if (!lines) rest.push(item)
    else picked.push({ item: full, seg: at.seg, first: at.first, tags })
  }
  if (picked.length === 0) return { seg: null, ids: [], rest }
  // New documents in index order (segment, then local number): postings stay doc-ordered.
  const order = new Map(set.segments.map((s, i) => [s, i]))
  picked.sort((a, b) => order.get(a.seg)! - order.get(b.seg)! || a.first - b.first)
  const parts = [...new Set(picked.map((p) => p.seg))]
  const renumber = new Map(parts.map((s) => [s, new Int32Array(s.n).fill(-1)]))
  let n = 0
  for (const p of picked)
    for (let j = 0; j < p.tags.length; j++) renumber.get(p.seg)![p.first + j] = n++

  const F = FIELD_COUNT
  const keys: string[] = []
  const kind = new Uint8Array(n)
  const parent = new Int32Array(n)
  const date = new Int32Array(n)
  const flags = new Uint8Array(n)
  const fieldLen = new Uint32Array(n * F)
  const facetMaps = FACETS.map(() => new Map<string, number>())
  const facetOff = FACETS.map(() => new Uint32Array(n + 1))
  const facetIds = FACETS.map(() => [] as number[])
  // Records are copied as they are, with a new tag line (tags are kept out of the bytes).
  const largest = parts.reduce((a, b) => (b.n > a.n ? b : a), parts[0])
  const records = new RecordWriter(n, largest.data.storeDicts[0])
  // Tag field postings of the new documents: term → (doc, positions) in doc order.
  const tagPostings = new Map<string, { doc: number; positions: number[] }[]>()
  const surfaces = new Map<string, string>()

  let nd = 0
  for (const { item, seg, first, tags } of picked) {
    const s = seg.data
    const line = recordTagsLine(item.tags, item.kind === 'article' ? item.photos : [])
    const map = renumber.get(seg)!
    for (let j = 0; j < tags.length; j++, nd++) {
      const d = first + j
      keys.push(s.keys[d])
      kind[nd] = s.kind[d]
      parent[nd] = s.parent[d] === -1 ? -1 : map[s.parent[d]]
      date[nd] = s.date[d]
      flags[nd] = (s.flags[d] & ~FLAG_UNTAGGED) | (tags[j].untagged ? FLAG_UNTAGGED : 0)
      for (let f = 0; f < F; f++) fieldLen[nd * F + f] = s.fieldLen[d * F + f]
      fieldLen[nd * F + TAG_FIELD] = analyseTags(tags[j].text, nd, tagPostings, surfaces)
      for (let k = 0; k < FACET_COUNT; k++) {
        const ids = facetIds[k]
        if (k === TAG_FACET) for (const v of tags[j].facet) ids.push(valueId(facetMaps[k], v))
        else {
          const off = s.facetOff[k]
          const values = s.facetValues[k]
          const own = s.facetIds[k]
          for (let i = off[d]; i < off[d + 1]; i++) ids.push(valueId(facetMaps[k], values[own[i]]))
        }
        facetOff[k][nd + 1] = ids.length
      }
      records.copy(s, d, j === 0 ? line : undefined)
    }
  }

  const { terms, termOff, post } = copyPostings(parts, renumber, tagPostings)
  const termIndex = new Map(terms.map((t, i) => [t, i]))
  const byWord = new Map<string, number>()
  for (const s of parts)
    s.data.words.forEach((w, i) => {
      const t = termIndex.get(s.data.terms[s.data.wordTerm[i]])
      if (t !== undefined) byWord.set(w, t)
    })
  for (const [word, term] of surfaces) {
    const t = termIndex.get(term)
    if (t !== undefined) byWord.set(word, t)
  }
  const words = [...byWord.keys()].sort()
  const seg = new Segment({
    n,
    keys,
    kind,
    parent,
    date,
    flags,
    fieldLen,
    terms,
    termOff,
    post,
    words,
    wordTerm: Uint32Array.from(words, (w) => byWord.get(w)!),
    facetValues: facetMaps.map((m) => [...m.keys()]),
    facetOff,
    facetIds: facetIds.map((ids) => Uint32Array.from(ids)),
    ...records.finish(),
  })
  return { seg, ids: picked.map((p) => p.item.id), rest }
}

/** The number of a facet value in the new segment (numbered as first seen). */
function valueId(numbers: Map<string, number>, value: string): number {
  let id = numbers.get(value)
  if (id === undefined) numbers.set(value, (id = numbers.size))
  return id
}

/** Analyse a tag field's text as buildSegment does; returns the field's length in terms. */
function analyseTags(
  text: string,
  doc: number,
  postings: Map<string, { doc: number; positions: number[] }[]>,
  surfaces: Map<string, string>,
): number {
  if (!text) return 0
  const found = new Map<string, number[]>()
  let count = 0
  forEachChunk(text, (raw, index) => {
    for (const { term, offset, surface } of analyseChunk(raw).terms) {
      const word = surfaceOf(surface)
      if (isCorrectable(word)) surfaces.set(word, term)
      let list = found.get(term)
      if (!list) found.set(term, (list = []))
      list.push(Math.min(index + offset, POS_SPAN - 1))
      count++
    }
  })
  for (const [term, positions] of found) {
    positions.sort((a, b) => a - b)
    let list = postings.get(term)
    if (!list) postings.set(term, (list = []))
    list.push({ doc, positions })
  }
  return count
}

/**
 * The postings of the renumbered documents: every field but `tag` copied from their segments
 * (varints as they are: positions are delta-coded per document), `tag` from the fresh analysis.
 * The parts' sorted term lists are walked together, so no term is looked up.
 */
function copyPostings(
  parts: readonly Segment[],
  renumber: ReadonlyMap<Segment, Int32Array>,
  tagPostings: ReadonlyMap<string, { doc: number; positions: number[] }[]>,
): { terms: string[]; termOff: Uint32Array; post: Uint8Array } {
  const F = FIELD_COUNT
  const tagTerms = [...tagPostings.keys()].sort()
  const cursors = new Int32Array(parts.length)
  let tagAt = 0
  const terms: string[] = []
  const offsets: number[] = []
  const post = new ByteWriter(1 << 20)
  const lists: (FieldPosting | undefined)[] = []
  const docsOut = Array.from({ length: F }, () => new ByteWriter(64))
  const posOut = Array.from({ length: F }, () => new ByteWriter(64))
  const counts = new Int32Array(F)
  const last = new Int32Array(F)
  for (;;) {
    // The smallest term among the parts' cursors and the tag terms.
    let term: string | null = null
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i].data.terms[cursors[i]]
      if (t !== undefined && (term === null || t < term)) term = t
    }
    const tagTerm = tagTerms[tagAt]
    if (tagTerm !== undefined && (term === null || tagTerm < term)) term = tagTerm
    if (term === null) break
    counts.fill(0)
    last.fill(-1)
    for (let f = 0; f < F; f++) {
      docsOut[f].length = 0
      posOut[f].length = 0
    }
    for (let i = 0; i < parts.length; i++) {
      const s = parts[i]
      if (s.data.terms[cursors[i]] !== term) continue
      readPostings(s, cursors[i]++, lists)
      const map = renumber.get(s)!
      for (let f = 0; f < F; f++) {
        const p = lists[f]
        if (!p || f === TAG_FIELD) continue
        copyList(s.data.post, p, map, docsOut[f], posOut[f], last, counts, f)
      }
    }
    if (tagTerm === term) {
      tagAt++
      for (const { doc, positions } of tagPostings.get(term)!) {
        docsOut[TAG_FIELD].varint(doc - last[TAG_FIELD])
        docsOut[TAG_FIELD].varint(positions.length)
        last[TAG_FIELD] = doc
        counts[TAG_FIELD]++
        let prev = 0
        for (const q of positions) {
          posOut[TAG_FIELD].varint(q - prev)
          prev = q
        }
      }
    }
    let mask = 0
    for (let f = 0; f < F; f++) if (counts[f] > 0) mask |= 1 << f
    if (mask === 0) continue
    terms.push(term)
    offsets.push(post.length)
    post.byte(mask)
    for (let f = 0; f < F; f++) {
      if (!counts[f]) continue
      post.varint(counts[f])
      post.varint(docsOut[f].length)
      post.varint(posOut[f].length)
    }
    for (let f = 0; f < F; f++) {
      if (!counts[f]) continue
      post.bytes(docsOut[f].buf.subarray(0, docsOut[f].length))
      post.bytes(posOut[f].buf.subarray(0, posOut[f].length))
    }
  }
  offsets.push(post.length)
  return { terms, termOff: Uint32Array.from(offsets), post: post.finish() }
}

/** Copy the entries of one posting list whose documents are renumbered (`map[doc] >= 0`). */
function copyList(
  buf: Uint8Array,
  p: FieldPosting,
  map: Int32Array,
  docsOut: ByteWriter,
  posOut: ByteWriter,
  last: Int32Array,
  counts: Int32Array,
  f: number,
): void {
  const dr = new ByteReader(buf, p.docStart)
  let pos = p.posStart
  let doc = -1
  for (let j = 0; j < p.count; j++) {
    doc += dr.varint()
    const tf = dr.varint()
    const nd = map[doc]
    if (nd === -1) {
      // Skip this document's positions: tf varints.
      for (let k = 0; k < tf; k++) while (buf[pos++] >= 0x80);
      continue
    }
    docsOut.varint(nd - last[f])
    docsOut.varint(tf)
    last[f] = nd
    counts[f]++
    const from = pos
    for (let k = 0; k < tf; k++) while (buf[pos++] >= 0x80);
    // Byte by byte: a few bytes each, and no subarray to collect.
    posOut.reserve(pos - from)
    const out = posOut.buf
    let at = posOut.length
    for (let i = from; i < pos; i++) out[at++] = buf[i]
    posOut.length = at
  }
}
