/** Items with every field set, for the storage tests (test-only; not used by the app). */
import type { Article, BlobRef, PhotoItem } from '../model'

const image: BlobRef = {
  sha256: 'a'.repeat(64),
  mime: 'image/jpeg',
  bytes: 204_800,
  fileName: 'AFP_34XY2Q.jpg',
}
const thumbnail: BlobRef = { sha256: 'b'.repeat(64), mime: 'image/webp', bytes: 9_000 }

/** An article with two captioned photos, a snapshot, notes and every optional field. */
export function fullArticle(id: string, overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id,
    title: `Kurdish forces hold Qamishli (${id})`,
    subtitle: 'Fighting eased overnight',
    tags: ['Syria', 'Kurds'],
    archivedAt: '2026-11-20T09:15:00.000Z',
    publishedAt: '2026-11-19',
    contentHash: `hash-${id}`,
    notes: 'Check casualty figures with the desk.',
    origin: { kind: 'html', path: '/imports/qamishli.html' },
    source: 'AFP',
    language: 'en',
    url: 'https://example.org/qamishli',
    canonicalUrl: 'https://example.org/world/qamishli',
    byline: 'Delil Souleiman',
    dateline: 'QAMISHLI, Syria',
    excerpt: 'Kurdish-led forces said on Tuesday…',
    body: ['First paragraph, with “quotes” and é.', 'Second paragraph.', 'Third.'],
    photos: [
      {
        id: 'p0',
        caption: 'A fighter stands guard in Qamishli on November 19, 2026.',
        credit: {
          raw: 'DELIL SOULEIMAN / AFP',
          photographer: 'Delil Souleiman',
          agency: 'AFP',
          agencies: ['AFP'],
          agencyIds: ['afp'],
        },
        src: 'https://example.org/img/1.jpg',
        image,
        thumbnail,
        meta: {
          headline: 'Syria conflict',
          creator: 'Delil Souleiman',
          creditLine: 'AFP',
          city: 'Qamishli',
          country: 'Syria',
          dateCreated: '2026-11-19T08:00:00Z',
          keywords: ['syria', 'kurds'],
          width: 3000,
          height: 2000,
        },
      },
      { id: 'p1', caption: 'Smoke rises over the city.', credit: null },
    ],
    snapshot: { sha256: 'c'.repeat(64), mime: 'text/html', bytes: 51_000 },
    ...overrides,
  }
}

/** A standalone photo with its image, thumbnail and IPTC metadata. */
export function fullPhotoItem(id: string, overrides: Partial<PhotoItem> = {}): PhotoItem {
  return {
    kind: 'photo',
    id,
    title: 'Fighter in Qamishli',
    tags: ['Syria'],
    archivedAt: '2026-11-21T10:00:00.000Z',
    publishedAt: '2026-11-19T08:00:00Z',
    contentHash: `hash-${id}`,
    origin: { kind: 'image', path: '/imports/AFP_34XY2Q.jpg' },
    source: 'AFP',
    photo: {
      id: 'p0',
      caption: 'A fighter stands guard.',
      credit: {
        raw: 'DELIL SOULEIMAN / AFP',
        photographer: 'Delil Souleiman',
        agency: 'AFP',
        agencies: ['AFP'],
        agencyIds: ['afp'],
      },
      image,
      thumbnail,
      meta: { creator: 'Delil Souleiman', width: 3000, height: 2000 },
    },
    ...overrides,
  }
}

/** `count` distinct 16-hex ids, deterministic. */
export function testIds(count: number, seed = 1): string[] {
  const ids: string[] = []
  let x = seed >>> 0 || 1
  for (let i = 0; i < count; i++) {
    let id = ''
    for (let j = 0; j < 2; j++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      id += (x >>> 0).toString(16).padStart(8, '0')
    }
    ids.push(id)
  }
  return ids
}
