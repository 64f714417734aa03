import type { ArchiveItem, Article, Credit, Photo, PhotoItem } from '../model'
import agencyNames from './agencyNames.json'
import { parseCredit } from '../credits'

/**
 * What the index knows about a document: one per article, one per photo (captioned or not). An
 * article's document carries its captions and credits too, so the article is found by its
 * photographer; a photo's document carries its own caption, credit and tags, and inherits its
 * article's title, body, source and tags for field filters (`title:`, `tag:`… in the executor),
 * so a photo without a caption is still found by its credit, its article's title and tags.
 */

/** Indexed fields, in index order. Field numbers are stored on disk: append, never reorder. */
export const FIELDS = [
  'title',
  'body',
  'caption',
  'credit',
  'photographer',
  'agency',
  'source',
  'tag',
] as const
export type FieldName = (typeof FIELDS)[number]
export const FIELD_COUNT = FIELDS.length

/** lunr field boosts (the same numbers go to `this.field(name, { boost })`). */
export const FIELD_BOOSTS: readonly number[] = [3, 1, 2, 1, 2, 1, 1, 2]

/** Fields an article's photo documents inherit from their article for field filters. */
export const INHERITED_FIELDS: ReadonlySet<FieldName> = new Set(['title', 'body', 'source', 'tag'])

export const DOC_ARTICLE = 0
/** A photo inside an article. */
export const DOC_ARTICLE_PHOTO = 1
/** A standalone photo item. */
export const DOC_PHOTO = 2

export const FLAG_UNTAGGED = 1
export const FLAG_CREDIT_EMPTY = 2
/** The photo's credit parse is a guess (`credit:uncertain`). */
export const FLAG_CREDIT_UNCERTAIN = 4
/** No usable published date: the item is filed by the date it was archived. */
export const FLAG_UNDATED = 8

/** Days since 1970-01-01 for dates; this value when unknown. */
export const NO_DATE = -2147483648

export const FACETS = ['tag', 'agency', 'photographer', 'source'] as const
export type FacetName = (typeof FACETS)[number]

/** What a hit shows, stored compressed beside the index so results never wait on the store. */
export interface StoredDoc {
  id: string
  photoId?: string
  title: string
  source?: string
  publishedAt?: string
  tags: string[]
  /** Article body (paragraphs joined by blank lines), its first STORED_BODY_CHARS only. */
  body?: string
  /** Set when `body` was cut: the full text is in the item store. */
  bodyTruncated?: boolean
  /** Photo caption, or for an article every caption joined by blank lines. */
  caption?: string
  credit?: Credit | null
  /** Credits of an article's photos, joined by ` · `. */
  credits?: string
  thumbnail?: string
  /** An article's photos (its photo documents store nothing and read them from here). */
  photos?: {
    id: string
    caption: string
    credit: Credit | null
    thumbnail?: string
    /** The photo's own tags. */
    tags?: string[]
    /** Set when a person corrected the caption or credit. */
    edited?: true
  }[]
  /** A standalone photo corrected by a person. */
  edited?: true
}

export interface IndexDoc {
  /** `itemId` or `itemId#photoId`. */
  key: string
  itemId: string
  kind: number
  /** For an article photo: position of its article's document among the item's documents. */
  parent: number
  fields: string[]
  date: number
  flags: number
  facets: string[][]
  /** Null for an article's photo: its article's record holds it. */
  stored: StoredDoc | null
}

/**
 * How much of a body the index keeps for snippets. Whole bodies would double the index (about
 * 1.7 KB per article deflated); passages beyond this come from the item store when the host
 * gives the engine `loadItems`.
 */
export const STORED_BODY_CHARS = 600

function cutAtSpace(text: string, max: number): string {
  const space = text.lastIndexOf(' ', max)
  return text.slice(0, space > max - 40 ? space : max)
}

const NAMES_BY_ID = agencyNames as Record<string, string[]>

/** Every name an agency is known by, so `agency:afp` and `agency:"agence france-presse"` match. */
export function agencyText(credit: Credit | null | undefined): string {
  if (!credit) return ''
  const parts = new Set<string>()
  for (const a of credit.agencies) parts.add(a)
  if (credit.agency) parts.add(credit.agency)
  for (const id of credit.agencyIds) {
    parts.add(id)
    for (const n of NAMES_BY_ID[id] ?? []) parts.add(n)
  }
  return [...parts].join(' \n ')
}

/** Days since the epoch of an ISO date, or NO_DATE. */
export function dayOf(iso: string | undefined): number {
  if (!iso) return NO_DATE
  const t = Date.parse(iso.length === 4 ? `${iso}-01-01` : iso)
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : NO_DATE
}

/**
 * The day an item is filed under: the first of its published dates that parses, else the day
 * it was archived (flagged FLAG_UNDATED), so `year:`, `after:`, `before:` and date sorts never
 * lose an undated item.
 */
export function filingDay(
  published: readonly (string | undefined)[],
  archivedAt: string,
): { date: number; flags: number } {
  for (const p of published) {
    const day = dayOf(p)
    if (day !== NO_DATE) return { date: day, flags: 0 }
  }
  return { date: dayOf(archivedAt), flags: FLAG_UNDATED }
}

/** No credit at all: neither printed text nor a name a person filled in. */
function creditEmpty(credit: Credit | null): boolean {
  return !credit || (credit.raw.trim() === '' && !credit.photographer && !credit.agency)
}

/** The credit's searchable text: as printed, plus names a person added or corrected. */
function creditText(photo: Photo): string {
  const c = photo.credit
  if (!c) return ''
  if (!photo.edited) return c.raw
  const names = [c.photographer?.split('; ').join(' \n ') ?? '', c.agency ?? '', ...(c.via ?? [])]
  return [c.raw, ...names, c.for ?? ''].filter((t) => t.trim() !== '').join(' \n ')
}

/**
 * The flags a photo's credit sets: empty, or parsed but uncertain. Credits stored before the
 * parser said how sure it was are judged again from their raw text.
 */
function creditFlags(credit: Credit | null): number {
  if (!credit || creditEmpty(credit)) return FLAG_CREDIT_EMPTY
  const uncertain = credit.uncertain ?? parseCredit(credit.raw).uncertain
  return uncertain ? FLAG_CREDIT_UNCERTAIN : 0
}

function facetLists(tags: string[], credits: (Credit | null)[], source?: string): string[][] {
  const agencies = new Set<string>()
  const photographers = new Set<string>()
  for (const c of credits) {
    if (!c) continue
    for (const a of c.agencies) agencies.add(a)
    if (c.agency && c.agencies.length === 0) agencies.add(c.agency)
    if (c.photographer)
      for (const p of c.photographer.split('; ')) if (p.trim()) photographers.add(p.trim())
  }
  return [[...new Set(tags)], [...agencies], [...photographers], source ? [source] : []]
}

function photoFields(photo: Photo, title: string, source: string, tags: string): string[] {
  const c = photo.credit
  return [
    title,
    '',
    photo.caption,
    creditText(photo),
    c?.photographer ?? '',
    agencyText(c),
    source,
    tags,
  ]
}

function articleDocs(a: Article): IndexDoc[] {
  const filed = filingDay([a.publishedAt], a.archivedAt)
  const date = filed.date
  const itemFlags = (a.tags.length === 0 ? FLAG_UNTAGGED : 0) | filed.flags
  const tagText = a.tags.join(' \n ')
  const credits = a.photos.map((p) => p.credit)
  const captions = a.photos.map((p) => p.caption).filter((c) => c.trim() !== '')
  const creditRaws = a.photos.map(creditText).filter((r) => r.trim() !== '')
  const body = a.body.join('\n\n')
  const article: IndexDoc = {
    key: a.id,
    itemId: a.id,
    kind: DOC_ARTICLE,
    parent: -1,
    fields: [
      [a.title, a.subtitle ?? ''].join(' \n '),
      [a.byline ?? '', a.dateline ?? '', body].join(' \n '),
      captions.join(' \n '),
      creditRaws.join(' \n '),
      credits.map((c) => c?.photographer ?? '').join(' \n '),
      credits.map(agencyText).join(' \n '),
      a.source ?? '',
      tagText,
    ],
    date,
    flags: itemFlags,
    facets: facetLists(a.tags, credits, a.source),
    stored: {
      id: a.id,
      title: a.title,
      source: a.source,
      publishedAt: a.publishedAt,
      tags: a.tags,
      body: body.length > STORED_BODY_CHARS ? cutAtSpace(body, STORED_BODY_CHARS) : body,
      bodyTruncated: body.length > STORED_BODY_CHARS ? true : undefined,
      thumbnail: a.photos[0]?.thumbnail?.sha256,
      photos: [],
    },
  }
  const docs = [article]
  // Every photo is a hit of its own, with or without a caption: found by its credit, its own
  // tags, and (field filters `title:`, `tag:`, `source:`, `body:`) its article's.
  for (const p of a.photos) {
    const own = p.tags ?? []
    const fields = photoFields(p, '', '', own.join(' \n '))
    const photoUntagged = a.tags.length === 0 && own.length === 0 ? FLAG_UNTAGGED : 0
    docs.push({
      key: `${a.id}#${p.id}`,
      itemId: a.id,
      kind: DOC_ARTICLE_PHOTO,
      parent: 0,
      fields,
      date,
      flags: photoUntagged | filed.flags | creditFlags(p.credit),
      facets: facetLists([...a.tags, ...own], [p.credit], a.source),
      stored: null,
    })
    article.stored!.photos!.push({
      id: p.id,
      caption: p.caption,
      credit: p.credit,
      thumbnail: p.thumbnail?.sha256 ?? p.image?.sha256,
      ...(own.length ? { tags: own } : {}),
      ...(p.edited ? { edited: true as const } : {}),
    })
  }
  return docs
}

function photoItemDocs(item: PhotoItem): IndexDoc[] {
  const p = item.photo
  const title = [item.title, p.meta?.headline ?? ''].join(' \n ')
  const fields = photoFields(p, title, item.source ?? '', item.tags.join(' \n '))
  const filed = filingDay([item.publishedAt, p.meta?.dateCreated], item.archivedAt)
  fields[1] = [
    item.notes ?? '',
    p.meta?.city ?? '',
    p.meta?.country ?? '',
    ...(p.meta?.keywords ?? []),
  ].join(' \n ')
  return [
    {
      key: item.id,
      itemId: item.id,
      kind: DOC_PHOTO,
      parent: -1,
      fields,
      date: filed.date,
      flags: filed.flags | (item.tags.length === 0 ? FLAG_UNTAGGED : 0) | creditFlags(p.credit),
      facets: facetLists(item.tags, [p.credit], item.source),
      stored: {
        id: item.id,
        photoId: p.id,
        title: item.title,
        source: item.source,
        publishedAt: item.publishedAt ?? p.meta?.dateCreated,
        tags: item.tags,
        caption: p.caption,
        credit: p.credit,
        thumbnail: p.thumbnail?.sha256 ?? p.image?.sha256,
        ...(p.edited ? { edited: true as const } : {}),
      },
    },
  ]
}

/** The documents an item is indexed as: the article (or standalone photo) first. */
export function documentsOf(item: ArchiveItem): IndexDoc[] {
  return item.kind === 'article' ? articleDocs(item) : photoItemDocs(item)
}
