import { describe, expect, it } from 'vitest'
import type { StoredDoc } from './documents'
import { readRecord, recordDictionary, recordTagsLine, RecordWriter } from './recordStore'

function record(n: number, tags: string[]): StoredDoc {
  return {
    id: `00000000000000${String(n).padStart(2, '0')}`,
    title: `Harbour report ${n}`,
    source: 'AFP',
    tags,
    body: `Dock workers stopped work in harbour ${n}.`,
    photos: [
      { id: 'p0', caption: 'Cranes idle.', credit: null, tags: ['Cranes'] },
      { id: 'p1', caption: 'Workers gather.', credit: null },
    ],
  }
}

/** A segment's record columns for these records, deflated with their own dictionary. */
function columns(records: (StoredDoc | null)[]) {
  const writer = new RecordWriter(records.length, recordDictionary(records))
  for (const r of records) writer.add(r)
  return writer.finish()
}

describe('stored records', () => {
  it('reads back every record as written, tags of the item and of its photos included', () => {
    const records = Array.from({ length: 120 }, (_, i) => (i % 3 ? record(i, ['Ports']) : null))
    const cols = columns(records)
    expect(cols.storeDicts[0].length).toBeGreaterThan(0)
    records.forEach((r, d) => expect(readRecord(cols, d)).toEqual(r))
    // Tags are not in the compressed bytes: only in the plain tag line beside them.
    expect(cols.recordTags[1]).toBe(recordTagsLine(['Ports'], records[1]!.photos))
  })

  it('copies records with a new tag line without recoding them, whatever their dictionary', () => {
    const a = columns(Array.from({ length: 70 }, (_, i) => record(i, ['A'])))
    const b = columns(Array.from({ length: 70 }, (_, i) => record(i + 1, [])))
    const writer = new RecordWriter(4, a.storeDicts[0])
    writer.copy(a, 0)
    writer.copy(b, 5, recordTagsLine(['Desk/Checked'], [{ id: 'p1', tags: ['Night'] }]))
    writer.copy(a, 69)
    writer.add(null)
    const out = writer.finish()
    expect(out.storeDicts).toHaveLength(2)
    expect(out.store.length).toBe(
      a.storeOff[1] - a.storeOff[0] + b.storeOff[6] - b.storeOff[5] + a.storeOff[70] - a.storeOff[69],
    )
    expect(readRecord(out, 0)).toEqual(readRecord(a, 0))
    expect(readRecord(out, 1)).toEqual({
      ...record(6, ['Desk/Checked']),
      photos: [
        { id: 'p0', caption: 'Cranes idle.', credit: null },
        { id: 'p1', caption: 'Workers gather.', credit: null, tags: ['Night'] },
      ],
    })
    expect(readRecord(out, 2)).toEqual(record(69, ['A']))
    expect(readRecord(out, 3)).toBeNull()
  })

  it('keeps at most 16 dictionaries in a segment: records of further ones are recoded', () => {
    const sources = Array.from({ length: 20 }, (_, s) =>
      columns(Array.from({ length: 64 }, (_, i) => record(i + s, [`S${s}`]))),
    )
    const writer = new RecordWriter(sources.length, sources[0].storeDicts[0])
    for (const source of sources) writer.copy(source, 3)
    const out = writer.finish()
    expect(out.storeDicts).toHaveLength(16)
    sources.forEach((source, s) => expect(readRecord(out, s)).toEqual(readRecord(source, 3)))
  })
})
