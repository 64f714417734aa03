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
