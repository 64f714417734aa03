import { join } from 'node:path'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { SyncSession, type SyncSessionOptions } from '../../main/core/sync/syncSession'
import { tempDir } from '../helpers'
import type { PouchServer } from './pouchServer'

/** A desktop of the desk: an archive in a temp folder and its sync session with the server. */
export interface Desktop {
  archive: Archive
  sync: SyncSession
  dir: string
  close(): Promise<void>
}

export async function openDesktop(
  server: PouchServer,
  name: string,
  options: Partial<SyncSessionOptions> = {},
  db = 'desk-news',
): Promise<Desktop> {
  const tmp = await tempDir(`morgue-sync-${name}-`)
  const dir = join(tmp.dir, 'archive')
  const archive = await openArchive(dir, { importInWorker: false })
  const sync = await SyncSession.open(archive, {
    remote: { url: `${server.url}/${db}` },
    ...options,
  })
  return {
    archive,
    sync,
    dir,
    async close() {
      await sync.stop()
      await archive.close()
      await tmp.cleanup()
    },
  }
}

/** Import a short story as pasted Markdown; returns its id. */
export async function addStory(archive: Archive, title: string, body: string): Promise<string> {
  const report = await archive.importText(`# ${title}\n\n${body}\n`, title)
  const id = report.outcomes[0]?.ids[0]
  if (!id) throw new Error(`not imported: ${JSON.stringify(report.outcomes)}`)
  return id
}

export async function searchIds(archive: Archive, query: string): Promise<string[]> {
  const result = await archive.search(query)
  return result.hits.map((h) => h.id)
}

/** A generated article with a valid id (for volume tests): `n` picks its words. */
export function generatedArticle(n: number): import('../../main/core/model').Article {
  const id = n.toString(16).padStart(16, '0')
  const words = ['harbour', 'strike', 'minister', 'flood', 'election', 'market', 'court', 'storm']
  return {
    kind: 'article',
    id,
    title: `Story ${n}: ${words[n % words.length]} report`,
    tags: n % 3 === 0 ? ['Desk'] : [],
    archivedAt: '2026-12-01T09:00:00.000Z',
    contentHash: `gen-${id}`,
    body: [`Report number ${n} about the ${words[(n * 7) % words.length]} in town w${n}x.`],
    photos: [],
  }
}
