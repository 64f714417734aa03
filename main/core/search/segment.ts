import { crc32 } from 'node:zlib'
import { readRecord, recordDictionary, RecordWriter, type RecordColumns } from './recordStore'
import { analyseChunk, forEachChunk } from './analyzer'
import { isCorrectable, surfaceOf } from './vocabulary'
import { ByteReader, ByteWriter, TimeSlicer } from './bytes'
import { DOC_ARTICLE_PHOTO, FACETS, FIELD_COUNT, type IndexDoc, type StoredDoc } from './documents'

/**
 * An immutable index segment: a bounded set of documents with their own term dictionary and
 * postings, in typed arrays. Segments never change after they are built except for their
 * tombstones (`deleted`); an update is a tombstone here plus the new version in a fresh segment.
 *
 * Postings of term t start at `termOff[t]` in `post`: one byte with a bit per field present,
 * then per present field (ascending) `count`, `docBytes`, `posBytes` as varints, then per field
 * the doc block (doc delta, tf) × count followed by the positions block (per doc tf positions,
 * delta-coded). Doc numbers are local to the segment.
 */
export interface SegmentData extends RecordColumns {
  n: number
  keys: string[]
  kind: Uint8Array
  parent: Int32Array
  date: Int32Array
  flags: Uint8Array
  /** Terms per (doc, field) after the pipeline: `fieldLen[doc * FIELD_COUNT + field]`. */
  fieldLen: Uint32Array
  /** Sorted (UTF-16 order). */
  terms: string[]
  termOff: Uint32Array
  post: Uint8Array
  /** Distinct surface words (folded, unstemmed; sorted) and the term each one indexes as. */
  words: string[]
  wordTerm: Uint32Array
  /** Per facet: its distinct values, and per doc the value numbers (CSR). */
  facetValues: string[][]
  facetOff: Uint32Array[]
  facetIds: Uint32Array[]
}

/** Decoded records kept per segment. */
const RECENT_RECORDS = 128

export class Segment {
  readonly n: number
  readonly data: SegmentData
  /** Tombstones: 1 when the document was deleted or replaced. */
  readonly deleted: Uint8Array
  deletedCount = 0
  /** Local numbers of article-photo documents (they inherit some fields from their article). */
  readonly photoDocs: Int32Array
  /** Sum of field lengths per field over all docs (live and deleted). */
  readonly fieldLenSum: Float64Array
  /** Set by the engine: where this segment's docs start in the global doc space. */
  base = 0
  /** Recently shown records (people page and refine the same results). */
  private readonly recent = new Map<number, StoredDoc>()
  /** Set by the engine: file name when persisted. */
  file: string | null = null

  constructor(data: SegmentData, deleted?: Uint8Array) {
    this.n = data.n
    this.data = data
    this.deleted = deleted ?? new Uint8Array(data.n)
    for (let i = 0; i < this.n; i++) if (this.deleted[i]) this.deletedCount++
    const photos: number[] = []
    for (let i = 0; i < this.n; i++) if (data.kind[i] === DOC_ARTICLE_PHOTO) photos.push(i)
    this.photoDocs = Int32Array.from(photos)
    this.fieldLenSum = new Float64Array(FIELD_COUNT)
    for (let i = 0; i < this.n; i++)
      for (let f = 0; f < FIELD_COUNT; f++)
        this.fieldLenSum[f] += data.fieldLen[i * FIELD_COUNT + f]
  }

  get live(): number {
    return this.n - this.deletedCount
  }

  /** Term number, or -1. */
  findTerm(term: string): number {
    const terms = this.data.terms
    let lo = 0
    let hi = terms.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const t = terms[mid]
      if (t < term) lo = mid + 1
      else if (t > term) hi = mid - 1
      else return mid
    }
    return -1
  }

  /** First term number >= `term`. */
  lowerBound(term: string): number {
    const terms = this.data.terms
    let lo = 0
    let hi = terms.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (terms[mid] < term) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Decoded stored fields of one document (an article's photo reads its article's record). */
  stored(doc: number): StoredDoc {
    const { storeOff } = this.data
    const parent = this.data.parent[doc]
    const own = storeOff[doc] === storeOff[doc + 1] && parent >= 0
    const at = own ? parent : doc
    let record = this.recent.get(at)
    if (record) {
      // Refresh: Map order is the LRU order.
      this.recent.delete(at)
    } else {
      record = readRecord(this.data, at)!
      if (this.recent.size >= RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value!)
    }
    this.recent.set(at, record)
    if (!own) return record
    const key = this.data.keys[doc]
    const photo = record.photos?.find((p) => key.endsWith(`#${p.id}`))
    return {
      id: record.id,
      photoId: photo?.id,
      title: record.title,
      source: record.source,
      publishedAt: record.publishedAt,
      tags: photo?.tags?.length ? [...new Set([...record.tags, ...photo.tags])] : record.tags,
      caption: photo?.caption ?? '',
      credit: photo?.credit ?? null,
      thumbnail: photo?.thumbnail,
      edited: photo?.edited,
    }
  }

  /** Facet value numbers of one doc. */
  facetsOf(facet: number, doc: number): Uint32Array {
    return this.data.facetIds[facet].subarray(
      this.data.facetOff[facet][doc],
      this.data.facetOff[facet][doc + 1],
    )
  }
}

/** Where one (term, field) posting list lies in `post`. */
export interface FieldPosting {
  count: number
  docStart: number
  docEnd: number
  posStart: number
  posEnd: number
}

/**
 * The posting lists of term `t` per field, written into `out[field]` (undefined when absent).
 * Returns the field bit mask.
 */
export function readPostings(seg: Segment, t: number, out: (FieldPosting | undefined)[]): number {
  const r = new ByteReader(seg.data.post, seg.data.termOff[t])
  const mask = r.buf[r.pos++]
  const present: FieldPosting[] = []
  for (let f = 0; f < FIELD_COUNT; f++) {
    if (mask & (1 << f)) {
      const count = r.varint()
      const docBytes = r.varint()
      const posBytes = r.varint()
      const p = { count, docStart: docBytes, docEnd: 0, posStart: posBytes, posEnd: 0 }
      out[f] = p
      present.push(p)
    } else out[f] = undefined
  }
  let at = r.pos
  for (const p of present) {
    const docBytes = p.docStart
    const posBytes = p.posStart
    p.docStart = at
    p.docEnd = at + docBytes
    p.posStart = p.docEnd
    p.posEnd = p.docEnd + posBytes
    at = p.posEnd
  }
  return mask
}

/** Call `visit` with each doc number of a posting list and the term's frequency in it. */
export function forEachPosting(
  seg: Segment,
  p: FieldPosting,
  visit: (doc: number, tf: number) => void,
): void {
  const buf = seg.data.post
  let pos = p.docStart
  let doc = -1
  for (let i = 0; i < p.count; i++) {
    let b = buf[pos++]
    let v = b & 0x7f
    let shift = 7
    while (b >= 0x80) {
      b = buf[pos++]
      v |= (b & 0x7f) << shift
      shift += 7
    }
    doc += v
    b = buf[pos++]
    let tf = b & 0x7f
    shift = 7
    while (b >= 0x80) {
      b = buf[pos++]
      tf |= (b & 0x7f) << shift
      shift += 7
    }
    visit(doc, tf)
  }
}

/** Growable Int32Array. */
class IntList {
  data: Int32Array
  length = 0
  constructor(initial = 1024) {
    this.data = new Int32Array(initial)
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
}

/** 2^21: token positions above this share a slot (bodies are far shorter). */
const POS_SPAN = 2097152

/**
 * Build a segment from documents with lunr's analysis. Postings are gathered as flat integer
 * records (term·field, doc, tf, positions) and grouped by a counting sort at the end, so the
 * build makes no object per posting list. Long builds yield to the event loop every few
 * milliseconds (pass a slicer); small ones (an upsert) run straight through.
 */
export async function buildSegment(
  docs: readonly IndexDoc[],
  slicer?: TimeSlicer,
): Promise<Segment> {
  const n = docs.length
  const F = FIELD_COUNT
  const kind = new Uint8Array(n)
  const parent = new Int32Array(n)
  const date = new Int32Array(n)
  const flags = new Uint8Array(n)
  const fieldLen = new Uint32Array(n * F)
  const facetMaps = FACETS.map(() => new Map<string, number>())
  const facetOff = FACETS.map(() => new Uint32Array(n + 1))
  const facetIds = FACETS.map(() => [] as number[])
  const records = new RecordWriter(n, recordDictionary(docs.map((d) => d.stored)))
  const keys: string[] = []
  // Term ids of this build, and the chunk → (term id, offset) pairs memo.
  const termIds = new Map<string, number>()
  const termStrings: string[] = []
  const rawIds = new Map<string, Int32Array>()
  // Surface word → term id, for the typo vocabulary.
  const surfaceIds = new Map<string, number>()
  const recKey = new IntList(1 << 16)
  const recDoc = new IntList(1 << 16)
  const recTf = new IntList(1 << 16)
  const recPos = new IntList(1 << 16)
  const positions = new IntList(1 << 17)
  let pairs = new Float64Array(4096)

  for (let d = 0; d < n; d++) {
    if (slicer?.due()) await slicer.yield()
    const doc = docs[d]
    keys.push(doc.key)
    kind[d] = doc.kind
    parent[d] = doc.parent < 0 ? -1 : d - (docIndexInItem(docs, d) - doc.parent)
    date[d] = doc.date
    flags[d] = doc.flags
    for (let f = 0; f < F; f++) {
      const text = doc.fields[f]
      if (!text) continue
      let count = 0
      forEachChunk(text, (raw, index) => {
        let ids = rawIds.get(raw)
        if (ids === undefined) {
          // Pairs of (term id, offset) for every term the chunk is indexed as.
          const terms = analyseChunk(raw).terms
          ids = new Int32Array(terms.length * 2)
          terms.forEach(({ term, offset, surface }, k) => {
            let id = termIds.get(term)
            if (id === undefined) {
              id = termStrings.length
              termIds.set(term, id)
              termStrings.push(term)
            }
            const word = surfaceOf(surface)
            if (isCorrectable(word)) surfaceIds.set(word, id)
            ids![2 * k] = id
            ids![2 * k + 1] = offset
          })
          rawIds.set(raw, ids)
        }
        for (let k = 0; k < ids.length; k += 2) {
          if (count === pairs.length) {
            const next = new Float64Array(pairs.length * 2)
            next.set(pairs)
            pairs = next
          }
          pairs[count++] = ids[k] * POS_SPAN + Math.min(index + ids[k + 1], POS_SPAN - 1)
        }
      })
      fieldLen[d * F + f] = count
      if (count === 0) continue
      const sorted = pairs.subarray(0, count).sort()
      let i = 0
      while (i < count) {
        const id = Math.floor(sorted[i] / POS_SPAN)
        const start = positions.length
        let j = i
        while (j < count && Math.floor(sorted[j] / POS_SPAN) === id) {
          positions.push(sorted[j] - id * POS_SPAN)
          j++
        }
        recKey.push(id * F + f)
        recDoc.push(d)
        recTf.push(j - i)
        recPos.push(start)
        i = j
      }
    }
    for (let k = 0; k < FACETS.length; k++) {
      const map = facetMaps[k]
      for (const v of doc.facets[k]) {
        let id = map.get(v)
        if (id === undefined) map.set(v, (id = map.size))
        facetIds[k].push(id)
      }
      facetOff[k][d + 1] = facetIds[k].length
    }
    records.add(doc.stored)
  }

  // Counting sort of the posting records by term·field (stable: doc order is kept).
  const V = termStrings.length
  const start = new Int32Array(V * F + 1)
  for (let r = 0; r < recKey.length; r++) start[recKey.data[r] + 1]++
  for (let k = 0; k < V * F; k++) start[k + 1] += start[k]
  const order = new Int32Array(recKey.length)
  const fill = start.slice(0, V * F)
  for (let r = 0; r < recKey.length; r++) order[fill[recKey.data[r]]++] = r
  if (slicer?.due()) await slicer.yield()

  const sortedIds = Array.from({ length: V }, (_, i) => i).sort((a, b) =>
    termStrings[a] < termStrings[b] ? -1 : 1,
  )
  const terms = sortedIds.map((id) => termStrings[id])
  const rank = new Uint32Array(V)
  sortedIds.forEach((id, t) => (rank[id] = t))
  const words = [...surfaceIds.keys()].sort()
  const wordTerm = Uint32Array.from(words, (w) => rank[surfaceIds.get(w)!])
  const termOff = new Uint32Array(V + 1)
  const post = new ByteWriter(1 << 20)
  const docW = Array.from({ length: F }, () => new ByteWriter(1024))
  const posW = Array.from({ length: F }, () => new ByteWriter(1024))
  const pos = positions.data
  for (let t = 0; t < V; t++) {
    if ((t & 255) === 0 && slicer?.due()) await slicer.yield()
    const id = sortedIds[t]
    termOff[t] = post.length
    let mask = 0
    for (let f = 0; f < F; f++) {
      const k = id * F + f
      if (start[k] === start[k + 1]) continue
      mask |= 1 << f
      const dw = docW[f]
      const pw = posW[f]
      dw.length = 0
      pw.length = 0
      let last = -1
      for (let o = start[k]; o < start[k + 1]; o++) {
        const r = order[o]
        const doc = recDoc.data[r]
        const tf = recTf.data[r]
        dw.varint(doc - last)
        dw.varint(tf)
        last = doc
        let prev = 0
        const p0 = recPos.data[r]
        for (let q = p0; q < p0 + tf; q++) {
          pw.varint(pos[q] - prev)
          prev = pos[q]
        }
      }
    }
    post.byte(mask)
    for (let f = 0; f < F; f++) {
      if (!(mask & (1 << f))) continue
      const k = id * F + f
      post.varint(start[k + 1] - start[k])
      post.varint(docW[f].length)
      post.varint(posW[f].length)
    }
    for (let f = 0; f < F; f++) {
      if (!(mask & (1 << f))) continue
      post.bytes(docW[f].buf.subarray(0, docW[f].length))
      post.bytes(posW[f].buf.subarray(0, posW[f].length))
    }
  }
  termOff[V] = post.length
  return new Segment({
    n,
    keys,
    kind,
    parent,
    date,
    flags,
    fieldLen,
    terms,
    termOff,
    post: post.finish(),
    words,
    wordTerm,
    facetValues: facetMaps.map((m) => [...m.keys()]),
    facetOff,
    facetIds: facetIds.map((ids) => Uint32Array.from(ids)),
    ...records.finish(),
  })
}

/** Position of docs[d] among the documents of its item (documents of an item are adjacent). */
function docIndexInItem(docs: readonly IndexDoc[], d: number): number {
  let i = 0
  while (d - i - 1 >= 0 && docs[d - i - 1].itemId === docs[d].itemId) i++
  return i
}

// ---------------------------------------------------------------------------------------------
// On-disk form: magic, header length, crc32 of everything after the first 16 bytes, a JSON
// header (counts, facet values, section table), then 8-byte aligned binary sections. Loading
// makes typed-array views over one buffer: no per-posting objects.

// 04: each segment keeps its unstemmed words (typo tolerance); 05: photo documents also carry
// the credit:uncertain flag; 06: records keep their tags beside the deflated bytes, and may use
// several dictionaries.
const MAGIC = 'MRGSEG06'
type SectionKind = 'u8' | 'u32' | 'i32' | 'text'

interface SegmentHeader {
  n: number
  facetValues: string[][]
  sections: Record<string, [offset: number, length: number, kind: SectionKind]>
}

/** Thrown when a segment file is damaged or from another format; the engine then rebuilds. */
export class CorruptIndexError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CorruptIndexError'
  }
}

/** Serialise a segment (without its tombstones, which the manifest keeps). */
export function encodeSegment(seg: Segment): Buffer {
  const d = seg.data
  const sections: [string, Uint8Array | Uint32Array | Int32Array | string, SectionKind][] = [
    ['keys', d.keys.join('\n'), 'text'],
    ['terms', d.terms.join('\n'), 'text'],
    ['words', d.words.join('\n'), 'text'],
    ['wordTerm', d.wordTerm, 'u32'],
    ['kind', d.kind, 'u8'],
    ['parent', d.parent, 'i32'],
    ['date', d.date, 'i32'],
    ['flags', d.flags, 'u8'],
    ['fieldLen', d.fieldLen, 'u32'],
    ['termOff', d.termOff, 'u32'],
    ['post', d.post, 'u8'],
    ['storeOff', d.storeOff, 'u32'],
    ['store', d.store, 'u8'],
    ['storeDicts', concatBytes(d.storeDicts), 'u8'],
    ['storeDictOff', offsetsOf(d.storeDicts), 'u32'],
    ['storeDictOf', d.storeDictOf, 'u8'],
    ['recordTags', d.recordTags.join('\n'), 'text'],
  ]
  FACETS.forEach((_, k) => {
    sections.push([`facetOff${k}`, d.facetOff[k], 'u32'])
    sections.push([`facetIds${k}`, d.facetIds[k], 'u32'])
  })
  const blobs: Uint8Array[] = []
  const table: SegmentHeader['sections'] = {}
  let offset = 0
  for (const [name, value, kind] of sections) {
    const bytes =
      typeof value === 'string'
        ? Buffer.from(value, 'utf8')
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    table[name] = [offset, bytes.length, kind]
    blobs.push(bytes)
    const pad = (8 - (bytes.length % 8)) % 8
    if (pad) blobs.push(new Uint8Array(pad))
    offset += bytes.length + pad
  }
  const header: SegmentHeader = { n: d.n, facetValues: d.facetValues, sections: table }
  let json = Buffer.from(JSON.stringify(header), 'utf8')
  const jsonPad = (8 - ((16 + json.length) % 8)) % 8
  if (jsonPad) json = Buffer.concat([json, Buffer.from(' '.repeat(jsonPad))])
  const body = Buffer.concat([json, ...blobs])
  const head = Buffer.alloc(16)
  head.write(MAGIC, 0, 'latin1')
  head.writeUInt32LE(json.length, 8)
  head.writeUInt32LE(crc32(body), 12)
  return Buffer.concat([head, body])
}

/** Parse a segment file. Throws CorruptIndexError on any damage. */
/**
 * Check a segment file's checksum in slices (a 50 MB file takes tens of milliseconds to sum),
 * so loading an index never holds the event loop for long.
 */
export async function verifySegmentFile(file: Buffer, slicer = new TimeSlicer()): Promise<void> {
  if (file.length < 16 || file.toString('latin1', 0, 8) !== MAGIC)
    throw new CorruptIndexError('not a segment file')
  const CHUNK = 4 << 20
  let sum = 0
  for (let at = 16; at < file.length; at += CHUNK) {
    sum = crc32(file.subarray(at, Math.min(file.length, at + CHUNK)), sum)
    if (slicer.due()) await slicer.yield()
  }
  if (sum !== file.readUInt32LE(12)) throw new CorruptIndexError('checksum mismatch')
}

export function decodeSegment(file: Buffer, deleted?: Uint8Array, verify = true): Segment {
  if (file.length < 16 || file.toString('latin1', 0, 8) !== MAGIC)
    throw new CorruptIndexError('not a segment file')
  // Typed-array views need aligned offsets: copy once if the buffer is not 8-aligned.
  const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(Uint8Array.prototype.slice.call(file))
  const jsonLen = buf.readUInt32LE(8)
  if (verify && crc32(buf.subarray(16)) !== buf.readUInt32LE(12))
    throw new CorruptIndexError('checksum mismatch')
  let header: SegmentHeader
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + jsonLen)) as SegmentHeader
  } catch {
    throw new CorruptIndexError('unreadable header')
  }
  const dataStart = 16 + jsonLen
  const view = (name: string): Uint8Array | Uint32Array | Int32Array | string => {
    const entry = header.sections[name]
    if (!entry) throw new CorruptIndexError(`missing section ${name}`)
    const [off, len, kind] = entry
    const start = buf.byteOffset + dataStart + off
    if (dataStart + off + len > buf.length) throw new CorruptIndexError(`truncated section ${name}`)
    if (kind === 'text') return buf.toString('utf8', dataStart + off, dataStart + off + len)
    if (kind === 'u8') return new Uint8Array(buf.buffer, start, len)
    if (kind === 'u32') return new Uint32Array(buf.buffer, start, len / 4)
    return new Int32Array(buf.buffer, start, len / 4)
  }
  const text = (name: string): string[] => {
    const s = view(name) as string
    return s === '' ? [] : s.split('\n')
  }
  const n = header.n
  const data: SegmentData = {
    n,
    keys: text('keys'),
    terms: text('terms'),
    words: text('words'),
    wordTerm: view('wordTerm') as Uint32Array,
    kind: view('kind') as Uint8Array,
    parent: view('parent') as Int32Array,
    date: view('date') as Int32Array,
    flags: view('flags') as Uint8Array,
    fieldLen: view('fieldLen') as Uint32Array,
    termOff: view('termOff') as Uint32Array,
    post: view('post') as Uint8Array,
    storeOff: view('storeOff') as Uint32Array,
    store: view('store') as Uint8Array,
    storeDicts: splitBytes(view('storeDicts') as Uint8Array, view('storeDictOff') as Uint32Array),
    storeDictOf: view('storeDictOf') as Uint8Array,
    recordTags: (view('recordTags') as string).split('\n'),
    facetValues: header.facetValues,
    facetOff: FACETS.map((_, k) => view(`facetOff${k}`) as Uint32Array),
    facetIds: FACETS.map((_, k) => view(`facetIds${k}`) as Uint32Array),
  }
  if (
    data.keys.length !== n ||
    data.kind.length !== n ||
    data.fieldLen.length !== n * FIELD_COUNT ||
    data.termOff.length !== data.terms.length + 1 ||
    data.wordTerm.length !== data.words.length ||
    data.storeOff.length !== n + 1 ||
    data.storeDictOf.length !== n ||
    (n > 0 && data.recordTags.length !== n) ||
    data.storeDicts.length === 0
  )
    throw new CorruptIndexError('inconsistent section sizes')
  if (deleted && deleted.length !== n) throw new CorruptIndexError('tombstones do not match')
  return new Segment(data, deleted)
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts)
}

function offsetsOf(parts: readonly Uint8Array[]): Uint32Array {
  const off = new Uint32Array(parts.length + 1)
  parts.forEach((p, i) => (off[i + 1] = off[i] + p.length))
  return off
}

function splitBytes(bytes: Uint8Array, off: Uint32Array): Uint8Array[] {
  const parts: Uint8Array[] = []
  for (let i = 0; i + 1 < off.length; i++) {
    if (off[i + 1] > bytes.length || off[i] > off[i + 1])
      throw new CorruptIndexError('inconsistent dictionaries')
    parts.push(bytes.subarray(off[i], off[i + 1]))
  }
  return parts
}
