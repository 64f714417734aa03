import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bbcBody, OUTLETS, rewrite } from '../../bench/corpus/nearDuplicates'
import { createRng } from '../../bench/corpus/prng'
import type { BbcRecord } from '../../bench/corpus/wordModel'
import { corpusDir } from '../../bench/corpus/corpusPaths'

/** BBC records by dataset id (`business/001`), read in place from the shared corpora. */
export function bbcRecord(id: string): BbcRecord {
  const lines = readFileSync(join(corpusDir(), 'bbc-news', 'bbc-news.jsonl'), 'utf8').split('\n')
  const line = lines.find((l) => l.includes(`"id": "${id}"`))
  if (!line) throw new Error(`no BBC record ${id}`)
  return JSON.parse(line) as BbcRecord
}

const markdown = (title: string, source: string, body: readonly string[]) =>
  [
    '---',
    `title: ${JSON.stringify(title)}`,
    `source: ${source}`,
    '---',
    '',
    body.join('\n\n'),
    '',
  ].join('\n')

/**
 * Write one wire story in three versions — BBC's, AP's (10 % of words edited, dateline and
 * footer) and Reuters's (20 % edited) — and a distinct story of the same category, as
 * Markdown files in `dir`. Returns their paths in that order.
 */
export async function writeWireVersions(dir: string): Promise<string[]> {
  const story = bbcRecord('business/001')
  const other = bbcRecord('business/003')
  const body = bbcBody(story)
  const vocabulary = ['reportedly', 'analysts', 'figures', 'quarter', 'market', 'shares', 'deal']
  const ap = OUTLETS.find((o) => o.name === 'AP')!
  const reuters = OUTLETS.find((o) => o.name === 'Reuters')!
  const files: [string, string][] = [
    ['bbc.md', markdown(story.title, 'BBC News', body)],
    ['ap.md', markdown(story.title, 'AP', rewrite(body, 0.1, ap, vocabulary, createRng(1)))],
    [
      'reuters.md',
      markdown(
        `${story.title} (update)`,
        'Reuters',
        rewrite(body, 0.2, reuters, vocabulary, createRng(2)),
      ),
    ],
    ['other.md', markdown(other.title, 'BBC News', bbcBody(other))],
  ]
  const paths: string[] = []
  for (const [name, text] of files) {
    const p = join(dir, name)
    await writeFile(p, text)
    paths.push(p)
  }
  return paths
}
