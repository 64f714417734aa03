import { createHash } from 'node:crypto'
import type { BlobRef } from '../model'
import type { Article, PhotoItem } from '../model'
import type { ImportContext } from '../importers/importer'

/** Test helper: an in-memory blob store with the archive's content addressing. */
export function memoryBlobs() {
  const blobs = new Map<string, { bytes: Uint8Array; mime: string; fileName?: string }>()
  const ref = (bytes: Uint8Array, mime: string, fileName?: string): BlobRef => {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    if (!blobs.has(sha256)) blobs.set(sha256, { bytes: new Uint8Array(bytes), mime, fileName })
    return { sha256, mime, bytes: bytes.byteLength, ...(fileName ? { fileName } : {}) }
  }
  const ctx: ImportContext = {
    putBlob: async (bytes, mime, fileName) => ref(bytes, mime, fileName),
  }
  const readBlob = async (sha256: string): Promise<Buffer> => {
    const blob = blobs.get(sha256)
    if (!blob) throw new Error(`no blob ${sha256}`)
    return Buffer.from(blob.bytes)
  }
  return { blobs, ref, ctx, readBlob }
}

/**
 * Items as the archive stores them: an article with two credited photos (one with an image),
 * tags, notes and a snapshot; a standalone photo with image and thumbnail; an article with odd
 * text (quotes, commas, new lines, Arabic) for the CSV and Markdown writers.
 */
export function sampleItems(
  ref: ReturnType<typeof memoryBlobs>['ref'],
): [Article, PhotoItem, Article] {
  const image = ref(new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3, 4]), 'image/jpeg', 'raqa.jpg')
  const thumb = ref(new Uint8Array([0xff, 0xd8, 0xff, 9, 9]), 'image/jpeg', 'raqa-thumb.jpg')
  const snapshot = ref(new TextEncoder().encode('<html><body>snap</body></html>'), 'text/html')
  const article: Article = {
    id: '0123456789abcdef',
    kind: 'article',
    title: 'Kurdish-led forces enter Raqa',
    tags: ['Syria', 'Conflict'],
    archivedAt: '2026-11-24T10:00:00.000Z',
    publishedAt: '2017-06-06',
    contentHash: 'a'.repeat(64),
    notes: 'Check the second photo credit.',
    origin: { kind: 'url', path: 'https://example.org/raqa' },
    source: 'AFP',
    language: 'en',
    url: 'https://example.org/raqa',
    canonicalUrl: 'https://example.org/raqa',
    byline: 'Jane Reporter',
    excerpt: 'Forces entered the city.',
    body: ['Forces entered the city on Tuesday.', 'Residents fled.'],
    photos: [
      {
        id: 'p0',
        caption: 'Fighters in Raqa.',
        credit: {
          raw: 'DELIL SOULEIMAN / AFP',
          photographer: 'Delil Souleiman',
          agency: 'AFP',
          agencies: ['AFP'],
          agencyIds: ['afp'],
        },
        src: 'https://example.org/raqa.jpg',
        image,
        thumbnail: thumb,
      },
      {
        id: 'p1',
        caption: 'A map of the area.',
        credit: {
          raw: 'Photo: Kevin Frayer/Getty Images',
          photographer: 'Kevin Frayer',
          agency: 'Getty Images',
          agencies: ['Getty Images'],
          agencyIds: ['getty'],
        },
      },
    ],
    snapshot,
  }
  const photo: PhotoItem = {
    id: 'fedcba9876543210',
    kind: 'photo',
    title: 'Cast member Vin Diesel arrives',
    tags: ['Hollywood'],
    archivedAt: '2026-11-24T11:00:00.000Z',
    publishedAt: '2014-07-22',
    contentHash: 'b'.repeat(64),
    origin: { kind: 'image', path: '/photos/vin.jpg' },
    source: 'REUTERS',
    photo: {
      id: 'p0',
      caption: 'Cast member Vin Diesel arrives at the premiere.',
      credit: {
        raw: 'REUTERS/Mario Anzuoni',
        photographer: 'Mario Anzuoni',
        agency: 'REUTERS',
        agencies: ['REUTERS'],
        agencyIds: ['reuters'],
      },
      image, // the same file as the article's first photo: exported once
      meta: {
        creator: 'MARIO ANZUONI',
        creditLine: 'REUTERS',
        keywords: ['Hollywood'],
        width: 640,
        height: 386,
      },
    },
  }
  const odd: Article = {
    id: '00000000000000aa',
    kind: 'article',
    title: 'Quotes "and", commas / slashes: مرحبا',
    tags: [],
    archivedAt: '2026-11-24T12:00:00.000Z',
    contentHash: 'c'.repeat(64),
    body: ['Line one\nline two'],
    photos: [
      {
        id: 'p0',
        caption: '=HYPERLINK("x") a caption, with "quotes"\nand a new line',
        credit: null,
      },
    ],
  }
  return [article, photo, odd]
}
