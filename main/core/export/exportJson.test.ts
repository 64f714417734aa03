import { describe, expect, it } from 'vitest'
import { ImportError } from '../importers/importer'
import { jsonImporter, toDraft } from '../importers/json/jsonImporter'
import type { ArchiveItem } from '../model'
import { exportJson } from './exportJson'
import { memoryBlobs, sampleItems } from './testItems'

async function exportToText(
  items: ArchiveItem[],
  opts: Parameters<typeof exportJson>[2],
): Promise<{ text: string; summary: Awaited<ReturnType<typeof exportJson>> }> {
  const chunks: string[] = []
  async function* stream() {
    yield* items
  }
  const summary = await exportJson(stream(), (c) => void chunks.push(c), opts)
  return { text: chunks.join(''), summary }
}

const now = () => new Date('2026-11-24T12:00:00Z')

describe.each([
  ['NDJSON', true, 'archive.ndjson'],
  ['JSON', false, 'archive.json'],
])('exportJson → jsonImporter round trip (%s)', (_label, ndjson, fileName) => {
  it('gives back the same items: ids, dates, tags, credits, photos, notes, files', async () => {
    const source = memoryBlobs()
    const items = sampleItems(source.ref)
    const { text, summary } = await exportToText(items, {
      ndjson,
      readBlob: source.readBlob,
      tagColors: { syria: '#c0392b' },
      now,
    })
    expect(summary).toEqual({ items: 3, blobs: 3, missingBlobs: [] })

    const target = memoryBlobs() // another machine: an empty blob store
    const input = { source: `/exports/${fileName}`, bytes: new TextEncoder().encode(text) }
    expect(jsonImporter.accepts(input)).toBe(true)
    const drafts = await jsonImporter.import(input, target.ctx)

    expect(drafts).toEqual(items.map(toDraft))
    expect(drafts.map((d) => d.id)).toEqual([
      '0123456789abcdef',
      'fedcba9876543210',
      '00000000000000aa',
    ])
    expect([...target.blobs.keys()].sort()).toEqual([...source.blobs.keys()].sort())
    for (const [sha, blob] of source.blobs) {
      expect(target.blobs.get(sha)?.bytes).toEqual(blob.bytes)
      expect(target.blobs.get(sha)?.mime).toBe(blob.mime)
    }
  })

  it('writes the header first and parses as the format says', async () => {
    const { ref, readBlob } = memoryBlobs()
    const { text } = await exportToText(sampleItems(ref), { ndjson, readBlob, now })
    const header = {
      format: 'morgue-export',
      version: 1,
      exportedAt: '2026-11-24T12:00:00.000Z',
      tagColors: {},
    }
    if (ndjson) {
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(lines[0]).toEqual(header)
      expect(lines.map((l) => l.kind)).toEqual([
        undefined,
        'article',
        'photo',
        'article',
        'blob',
        'blob',
        'blob',
      ])
    } else {
      const doc = JSON.parse(text)
      expect(doc).toMatchObject(header)
      expect(doc.items).toHaveLength(3)
      expect(doc.blobs).toHaveLength(3)
    }
  })

  it('exports items without files when no readBlob is given (references kept)', async () => {
    const { ref } = memoryBlobs()
    const items = sampleItems(ref)
    const { text, summary } = await exportToText(items, { ndjson, now })
    expect(summary.blobs).toBe(0)
    const target = memoryBlobs()
    const drafts = await jsonImporter.import(
      { source: fileName, bytes: new TextEncoder().encode(text) },
      target.ctx,
    )
    expect(drafts).toEqual(items.map(toDraft))
    expect(target.blobs.size).toBe(0)
  })

  it('exports an empty archive as a valid, importable file', async () => {
    const { text } = await exportToText([], { ndjson, now })
    const drafts = await jsonImporter.import(
      { source: fileName, bytes: new TextEncoder().encode(text) },
      memoryBlobs().ctx,
    )
    expect(drafts).toEqual([])
  })
})

describe('exportJson', () => {
  it('lists files it could not read and still exports the items', async () => {
    const source = memoryBlobs()
    const items = sampleItems(source.ref)
    const lost = items[1].kind === 'photo' ? items[1].photo.image!.sha256 : ''
    const { summary } = await exportToText(items, {
      ndjson: true,
      now,
      readBlob: async (sha) => {
        if (sha === lost) throw new Error('gone')
        return source.readBlob(sha)
      },
    })
    expect(summary).toEqual({ items: 3, blobs: 2, missingBlobs: [lost] })
  })
})

describe('jsonImporter on bad input', () => {
  async function ndjsonLines(): Promise<string[]> {
    const { ref, readBlob } = memoryBlobs()
    const { text } = await exportToText(sampleItems(ref), { ndjson: true, readBlob, now })
    return text.trimEnd().split('\n')
  }

  async function importText(text: string, source = 'bad.ndjson') {
    const target = memoryBlobs()
    const error = await jsonImporter
      .import({ source, bytes: new TextEncoder().encode(text) }, target.ctx)
      .catch((e: unknown) => e)
    return { error: error as Error, blobs: target.blobs }
  }

  it('names the line with the wrong shape and imports nothing from the file', async () => {
    const lines = await ndjsonLines()
    const item = JSON.parse(lines[2])
    item.photo.credit = 'REUTERS' // a string where a parsed credit belongs
    lines[2] = JSON.stringify(item)
    const { error, blobs } = await importText(lines.join('\n'))
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(/^bad\.ndjson, line 3 has the wrong shape: photo\.credit: /)
    expect(blobs.size).toBe(0)
  })

  it('names a line that is not JSON', async () => {
    const lines = await ndjsonLines()
    lines.splice(2, 0, '{"kind":"article",')
    const { error } = await importText(lines.join('\n'))
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(/^bad\.ndjson, line 3 is not valid JSON/)
  })

  it('refuses an embedded file whose bytes do not match its checksum', async () => {
    const lines = await ndjsonLines()
    const last = JSON.parse(lines[lines.length - 1])
    last.base64 = Buffer.from('tampered').toString('base64')
    lines[lines.length - 1] = JSON.stringify(last)
    const { error, blobs } = await importText(lines.join('\n'))
    expect(error.message).toMatch(/line 7: the embedded file .* is damaged/)
    expect(blobs.size).toBe(0)
  })

  it('refuses an export from a newer Morgue', async () => {
    const lines = await ndjsonLines()
    lines[0] = JSON.stringify({ format: 'morgue-export', version: 2 })
    const { error } = await importText(lines.join('\n'))
    expect(error.message).toContain('made by a newer Morgue (export version 2)')
  })

  it('names the item of a JSON document with the wrong shape', async () => {
    const doc = { format: 'morgue-export', version: 1, items: [{ kind: 'article', id: 'x' }] }
    const { error } = await importText(JSON.stringify(doc), 'doc.json')
    expect(error).toBeInstanceOf(ImportError)
    expect(error.message).toMatch(/^doc\.json, item 1 has the wrong shape: /)
  })

  it('leaves other JSON and JSON Lines files to other importers', () => {
    const bbc = '{"id": "business/001", "category": "business", "title": "Ad sales boost"}\n'
    expect(
      jsonImporter.accepts({ source: 'bbc-news.jsonl', bytes: new TextEncoder().encode(bbc) }),
    ).toBe(false)
    expect(
      jsonImporter.accepts({ source: 'a.txt', bytes: new TextEncoder().encode('"morgue-export"') }),
    ).toBe(false)
  })
})
