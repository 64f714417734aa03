import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { StoredDoc } from './documents'

/**
 * A segment's stored records: per document its deflated record (title, snippet text, credit…)
 * and, beside it as plain JSON, the record's tags. Tags are the one part that bulk tagging and
 * rule runs change, so they are kept out of the compressed bytes: a retag or a merge copies
 * the bytes as they are. A segment may hold records deflated with several preset dictionaries
 * (those of the segments it was made from), so copies never have to recode.
 */
export interface RecordColumns {
  /** Per doc deflated JSON of its StoredDoc without tags (CSR; empty: the doc stores none). */
  storeOff: Uint32Array
  store: Uint8Array
  /** Preset deflate dictionaries (small records compress ~20% better with one). */
  storeDicts: Uint8Array[]
  /** Per doc the number of its record's dictionary in `storeDicts` (0 when there is none). */
  storeDictOf: Uint8Array
  /** Per doc the record's tags as `recordTagsLine` writes them ('' when it stores none). */
  recordTags: string[]
}

/** More dictionaries than this in one segment and copies of the rarer ones are recoded. */
const MAX_DICTS = 16
const NO_DICT = new Uint8Array(0)

interface RecordTags {
  tags: string[]
  /** Photo id → the photo's own tags, for photos that have some. */
  photos?: Record<string, string[]>
}

/** The tag line of a record: the item's tags and its photos' own tags. */
export function recordTagsLine(
  tags: readonly string[],
  photos: readonly { id: string; tags?: readonly string[] }[] = [],
): string {
  const line: RecordTags = { tags: [...tags] }
  for (const p of photos) {
    if (!p.tags?.length) continue
    line.photos ??= {}
    line.photos[p.id] = [...p.tags]
  }
  return JSON.stringify(line)
}

/** The photos' own tags a tag line holds. */
export function photoTagsOf(line: string): Record<string, string[]> {
  return (JSON.parse(line) as RecordTags).photos ?? {}
}

/** A record without its tags (what is deflated) and its tag line. */
function splitTags(record: StoredDoc): { rest: Omit<StoredDoc, 'tags'>; line: string } {
  const { tags, ...rest } = record
  const line = recordTagsLine(tags, record.photos)
  if (rest.photos) rest.photos = rest.photos.map(({ tags: _own, ...photo }) => photo)
  return { rest, line }
}

/** A record read back: its deflated part with the tags of its line. */
export function readRecord(columns: RecordColumns, doc: number): StoredDoc | null {
  const bytes = columns.store.subarray(columns.storeOff[doc], columns.storeOff[doc + 1])
  if (bytes.length === 0) return null
  const dict = columns.storeDicts[columns.storeDictOf[doc]] ?? NO_DICT
  const rest = JSON.parse(
    inflateRawSync(bytes, dict.length ? { dictionary: dict } : {}).toString('utf8'),
  ) as Omit<StoredDoc, 'tags'>
  const { tags, photos } = JSON.parse(columns.recordTags[doc]) as RecordTags
  const record: StoredDoc = { ...rest, tags }
  if (record.photos && photos)
    record.photos = record.photos.map((p) => (photos[p.id] ? { ...p, tags: photos[p.id] } : p))
  return record
}

/** Up to 32 KB of sample records (without tags): deflate's preset dictionary for the rest. */
export function recordDictionary(all: readonly (StoredDoc | null)[]): Uint8Array {
  const records = all.filter((r) => r !== null)
  if (records.length < 64) return NO_DICT
  const parts: string[] = []
  let size = 0
  const step = Math.max(1, Math.floor(records.length / 24))
  for (let i = 0; i < records.length && size < 32768; i += step) {
    const record = records[i]
    const json = JSON.stringify(splitTags(record).rest)
    parts.push(json)
    size += json.length
  }
  return Buffer.from(parts.join('')).subarray(0, 32768)
}

/**
 * Writes the record columns of a new segment, document by document in order: fresh records
 * (deflated with the segment's own dictionary) or records copied from other segments' columns.
 */
export class RecordWriter {
  private readonly parts: Uint8Array[] = []
  private readonly storeOff: Uint32Array
  private readonly storeDictOf: Uint8Array
  private readonly recordTags: string[] = []
  private readonly dicts: Uint8Array[] = []
  /** Source dictionary → its number here (-1: recoded into dictionary 0). */
  private readonly dictNumbers = new Map<Uint8Array, number>()
  private doc = 0

  /** `ownDict` deflates fresh records; copies bring their own dictionaries. */
  constructor(n: number, ownDict: Uint8Array = NO_DICT) {
    this.storeOff = new Uint32Array(n + 1)
    this.storeDictOf = new Uint8Array(n)
    this.dicts.push(ownDict)
  }

  /** The next document's record (null: it stores none, as an article's photo). */
  add(record: StoredDoc | null): void {
    if (!record) return this.push(NO_DICT, 0, '')
    const { rest, line } = splitTags(record)
    const dict = this.dicts[0]
    const bytes = deflateRawSync(
      Buffer.from(JSON.stringify(rest)),
      dict.length ? { level: 6, dictionary: dict } : { level: 6 },
    )
    this.push(bytes, 0, line)
  }

  /** The next document's record copied from doc `d` of `from`, with a new tag line if given. */
  copy(from: RecordColumns, d: number, line?: string): void {
    const bytes = from.store.subarray(from.storeOff[d], from.storeOff[d + 1])
    if (bytes.length === 0) return this.push(NO_DICT, 0, '')
    const dict = from.storeDicts[from.storeDictOf[d]] ?? NO_DICT
    const number = this.dictNumber(dict)
    const tags = line ?? from.recordTags[d]
    if (number >= 0) return this.push(bytes, number, tags)
    // Too many dictionaries: this one's records are recoded with the segment's own.
    const raw = inflateRawSync(bytes, dict.length ? { dictionary: dict } : {})
    const own = this.dicts[0]
    this.push(deflateRawSync(raw, own.length ? { level: 6, dictionary: own } : { level: 6 }), 0, tags)
  }

  finish(): RecordColumns {
    const store = new Uint8Array(this.storeOff[this.doc])
    let at = 0
    for (const part of this.parts) {
      store.set(part, at)
      at += part.length
    }
    return {
      storeOff: this.storeOff,
      store,
      storeDicts: this.dicts,
      storeDictOf: this.storeDictOf,
      recordTags: this.recordTags,
    }
  }

  private push(bytes: Uint8Array, dict: number, line: string): void {
    this.parts.push(bytes)
    this.storeDictOf[this.doc] = dict
    this.recordTags.push(line)
    this.storeOff[this.doc + 1] = this.storeOff[this.doc] + bytes.length
    this.doc++
  }

  private dictNumber(dict: Uint8Array): number {
    const known = this.dictNumbers.get(dict)
    if (known !== undefined) return known
    let number = this.dicts.findIndex((d) => sameBytes(d, dict))
    if (number === -1 && this.dicts.length < MAX_DICTS) {
      number = this.dicts.length
      this.dicts.push(dict)
    }
    this.dictNumbers.set(dict, number)
    return number
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a === b || (a.length === b.length && Buffer.compare(a, b) === 0)
}
