import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openArchive } from '../../main/core/openArchive'
import type { ItemRecord } from '../../main/core/storage/itemRecord'

/** Small text files to import (titles become item titles). */
export async function writeArticles(dir: string, count: number): Promise<string[]> {
  const files: string[] = []
  for (let i = 0; i < count; i++) {
    const file = join(dir, `article-${i}.txt`)
    await writeFile(
      file,
      `Article number ${i} about Raqa\n\nFighters entered the city on day ${i}. Residents fled the old town.\n`,
    )
    files.push(file)
  }
  return files
}

/** An archive folder with `count` imported articles, a tag colour, a saved search and aliases. */
export async function archiveWithArticles(
  archiveDir: string,
  inputDir: string,
  count: number,
): Promise<string[]> {
  const archive = await openArchive(archiveDir, { importInWorker: false })
  try {
    const report = await archive.importPaths(await writeArticles(inputDir, count))
    const ids = report.outcomes.flatMap((o) => o.ids)
    await archive.addTags(ids.slice(0, 2), ['Syria'])
    await archive.setTagColor('Syria', '#c0392b')
    await archive.saveSearch({ name: 'raqa', query: 'raqa fighters' })
    await archive.setAliases([['souleiman', 'sulaiman']])
    return ids
  } finally {
    await archive.close()
  }
}

/** Every record on disk, by item id, with the shard file it is in. */
export async function recordsOnDisk(
  archiveDir: string,
): Promise<Map<string, ItemRecord & { shard: string }>> {
  const out = new Map<string, ItemRecord & { shard: string }>()
  for (const name of await readdir(join(archiveDir, 'items'))) {
    if (!/^[0-9a-f]{2}\.json$/.test(name)) continue
    const data = JSON.parse(await readFile(join(archiveDir, 'items', name), 'utf8')) as {
      items: Record<string, ItemRecord>
    }
    for (const [id, record] of Object.entries(data.items)) out.set(id, { ...record, shard: name })
  }
  return out
}

export function blobFile(archiveDir: string, sha256: string): string {
  return join(archiveDir, 'blobs', sha256.slice(0, 2), sha256)
}
