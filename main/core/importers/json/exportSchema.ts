import { z } from 'zod'
import { EXPORT_FORMAT } from '../../export/exportFormat'
import type { Article, PhotoItem } from '../../model'

// Objects are loose (unknown keys kept): an export written by a later Morgue with extra
// optional fields must survive a round trip through this one unchanged.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
const isoDate = z.string().regex(/^\d{4}(-\d\d(-\d\d)?)?([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/, {
  message: 'must be an ISO 8601 date',
})

const blobRef = z.looseObject({
  sha256,
  mime: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  fileName: z.string().optional(),
})

const credit = z.looseObject({
  raw: z.string(),
  photographer: z.string().nullable(),
  agency: z.string().nullable(),
  agencies: z.array(z.string()),
  agencyIds: z.array(z.string()),
})

const photoMeta = z.looseObject({
  headline: z.string().optional(),
  creator: z.string().optional(),
  creditLine: z.string().optional(),
  source: z.string().optional(),
  copyright: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  dateCreated: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  width: z.number().optional(),
  height: z.number().optional(),
})

const photo = z.looseObject({
  id: z.string().min(1),
  caption: z.string(),
  credit: credit.nullable(),
  src: z.string().optional(),
  image: blobRef.optional(),
  thumbnail: blobRef.optional(),
  meta: photoMeta.optional(),
  tags: z.array(z.string()).optional(),
  // A person's correction travels with the photo, so it still wins in the archive it goes to.
  edited: z
    .looseObject({
      at: z.string(),
      fields: z.array(z.enum(['caption', 'photographer', 'agency', 'via', 'for'])),
      original: z.looseObject({ caption: z.string(), credit: credit.nullable() }),
    })
    .optional(),
})

const origin = z.looseObject({
  kind: z.enum(['text', 'markdown', 'html', 'url', 'image', 'feed', 'json']),
  path: z.string().optional(),
})

const itemBase = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an item id'),
  title: z.string(),
  tags: z.array(z.string()),
  archivedAt: isoDate,
  publishedAt: z.string().optional(),
  contentHash: z.string(),
  notes: z.string().optional(),
  origin: origin.optional(),
  source: z.string().optional(),
  language: z.string().optional(),
}

export const articleSchema = z.looseObject({
  ...itemBase,
  kind: z.literal('article'),
  subtitle: z.string().optional(),
  url: z.string().optional(),
  canonicalUrl: z.string().optional(),
  byline: z.string().optional(),
  dateline: z.string().optional(),
  excerpt: z.string().optional(),
  body: z.array(z.string()),
  photos: z.array(photo),
  snapshot: blobRef.optional(),
  capturedAt: isoDate.optional(),
  versions: z
    .array(
      z.looseObject({
        capturedAt: isoDate,
        title: z.string(),
        contentHash: z.string(),
        content: blobRef,
        files: z.array(blobRef),
        words: z.number().int().nonnegative(),
      }),
    )
    .optional(),
})

export const photoItemSchema = z.looseObject({
  ...itemBase,
  kind: z.literal('photo'),
  photo,
})

export const exportedBlobSchema = z.object({
  kind: z.literal('blob'),
  sha256,
  mime: z.string().min(1),
  fileName: z.string().optional(),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
})

/** One NDJSON record after the header, or one entry of `items`/`blobs`. */
export const exportRecordSchema = z.discriminatedUnion('kind', [
  articleSchema,
  photoItemSchema,
  exportedBlobSchema,
])

export const exportHeaderSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.string().optional(),
  tagColors: z.record(z.string(), z.string()).optional(),
})

export const exportDocumentSchema = exportHeaderSchema.extend({
  items: z.array(z.unknown()),
  blobs: z.array(z.unknown()).optional(),
})

// Compile-time check that the schemas describe the model (fails to build if they drift).
export const toArticle = (a: z.infer<typeof articleSchema>): Article => a
export const toPhotoItem = (p: z.infer<typeof photoItemSchema>): PhotoItem => p
