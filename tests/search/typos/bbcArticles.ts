import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Article } from '../../../main/core/model'
import { corpora } from '../../helpers'

/** The BBC News corpus file (copyrighted: read in place from ../shared/corpora). */
export const BBC_FILE = join(corpora, 'bbc-news', 'bbc-news.jsonl')

interface BbcLine {
  id: string
  category: string
  title: string
  text: string
}

/** The 2,225 BBC articles as archive articles (id = the corpus id, e.g. `sport/042`). */
export function bbcArticles(file = BBC_FILE): Article[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const a = JSON.parse(line) as BbcLine
      return {
        kind: 'article',
        id: a.id,
        title: a.title,
        tags: [a.category],
        archivedAt: '2005-06-01T00:00:00.000Z',
        contentHash: a.id,
        source: 'BBC News',
        body: a.text.split(/\n\n+/).filter((p) => p.trim() !== ''),
        photos: [],
      }
    })
}
