import { createHash } from 'node:crypto'
import type { Article } from '../../main/core/model'
import { contentHash } from '../../main/core/contentHash'
import { readBbcRecords, type BbcRecord } from './wordModel'

/**
 * The 2,225 real BBC News articles (2004–2005) as archive `Article`s: title = first line, body =
 * the blank-line-separated paragraphs, tag = the dataset's category, source `BBC News`, no
 * photos. Ids are derived from the dataset ids, so they are stable. Read in place from the
 * shared corpora; throws if they are missing.
 */
export function loadBbcArticles(records: readonly BbcRecord[] = readBbcRecords()): Article[] {
  return records.map((record, i) => {
    const draft = {
      kind: 'article' as const,
      title: record.title.trim(),
      source: 'BBC News',
      language: 'en',
      body: record.text
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p !== ''),
      photos: [],
      // The dataset has no dates; spread them over its two years so date facets are populated.
      publishedAt: new Date(Date.UTC(2004, 0, 1) + (i % 730) * 86_400_000).toISOString(),
    }
    return {
      ...draft,
      id: createHash('sha256').update(record.id).digest('hex').slice(0, 16),
      archivedAt: '2025-01-01T00:00:00.000Z',
      contentHash: contentHash(draft),
      tags: [record.category[0].toUpperCase() + record.category.slice(1)],
    }
  })
}
