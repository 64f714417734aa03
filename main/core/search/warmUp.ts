import type { Article } from '../model'
import { documentsOf } from './documents'
import { buildSegment, encodeSegment } from './segment'

/**
 * A made-up article that exercises every indexed field (title, body, caption, credit, tags,
 * source, dates): indexed once and thrown away, it is never stored.
 */
const WARM_UP_ARTICLE: Article = {
  kind: 'article',
  id: 'warm-up',
  title: 'Council approves the harbour budget after a long night of talks',
  tags: ['Local', 'Budget'],
  archivedAt: '2026-01-01T00:00:00.000Z',
  publishedAt: '2026-01-01',
  contentHash: 'warm-up',
  source: 'Morgue',
  body: [
    'The city council approved the harbour budget on Tuesday, after eleven hours of talks.',
    "Mayor Anna O'Neill said the vote “keeps the ferries running” until 2030; critics in Kraków and Zürich disagreed.",
  ],
  photos: [
    {
      id: 'p0',
      caption: 'Councillors leave the town hall after the vote.',
      credit: {
        raw: 'JANE DOE / AFP',
        photographer: 'Jane Doe',
        agency: 'AFP',
        agencies: ['AFP'],
        agencyIds: ['afp'],
      },
      src: 'photo.jpg',
    },
  ],
}

/**
 * Index a throwaway article once, so that the code adding a new item is compiled before the
 * first real import asks for it: right after an index is loaded from disk, nothing has built
 * a segment in this thread yet, and the first `upsert` would pay V8's compilation (about
 * 20 ms) on top of its own few milliseconds. Nothing is kept or written.
 */
export async function warmUpIndexing(): Promise<void> {
  encodeSegment(await buildSegment(documentsOf(WARM_UP_ARTICLE)))
}
