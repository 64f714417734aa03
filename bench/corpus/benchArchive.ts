import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Article } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { openItemStore } from '../../main/core/storage'
import { benchDataDir } from './corpusPaths'
import { createCorpus, generateArticles } from './generateCorpus'

const PUT_BATCH = 2_000

/**
 * A real archive of `articles` generated bench-corpus articles (store, search index, near-
 * duplicate signatures), built once into bench/.data/archive-N and kept for the next run
 * (~4 min at 100k). Benches that change it put it back as they found it (their undo).
 * Returns its folder.
 */
export async function ensureBenchArchive(articles: number): Promise<string> {
  const dir = path.join(benchDataDir(), `archive-${articles}`)
  const done = path.join(dir, '.bench-complete')
  if (existsSync(done)) return dir
  await fs.rm(dir, { recursive: true, force: true })
  await fs.mkdir(dir, { recursive: true })
  const started = performance.now()
  const store = await openItemStore(dir)
  let batch: Article[] = []
  for (const article of generateArticles(createCorpus(), articles)) {
    batch.push(article)
    if (batch.length >= PUT_BATCH) {
      await store.put(batch)
      batch = []
    }
  }
  await store.put(batch)
  await store.close()
  // Opening builds the index and the near-duplicate signatures once.
  const archive = await openArchive(dir, { importInWorker: false })
  await archive.close()
  await fs.writeFile(done, new Date().toISOString())
  console.log(
    `built ${articles} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  return dir
}
