import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileDurably } from '../storage/durableFile'
import type { SyncSettings } from './types'

/** Sync settings of this desktop (never synced themselves): `sync/config.json` in the archive. */
const schema = z.object({
  server: z.string(),
  database: z.string(),
  user: z.string().optional(),
  live: z.boolean(),
  downloadOriginals: z.boolean(),
  paused: z.boolean(),
})

export async function readSyncSettings(archiveDir: string): Promise<SyncSettings | null> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(configPath(archiveDir), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function writeSyncSettings(archiveDir: string, settings: SyncSettings): Promise<void> {
  await mkdir(join(archiveDir, 'sync'), { recursive: true })
  await mkdir(join(archiveDir, 'tmp'), { recursive: true })
  await writeFileDurably(configPath(archiveDir), JSON.stringify(schema.parse(settings), null, 2), {
    tmpDir: join(archiveDir, 'tmp'),
  })
}

function configPath(archiveDir: string): string {
  return join(archiveDir, 'sync', 'config.json')
}

/** The database URL of a server and database name (`https://host:6984` + `desk-news`). */
export function databaseUrl(server: string, database: string): string {
  return `${server.replace(/\/+$/, '')}/${encodeURIComponent(database)}`
}

/** Split a database URL into server and database, dropping any credentials. */
export function splitDatabaseUrl(url: string): { server: string; database: string; user?: string } {
  const u = new URL(url)
  const user = u.username ? decodeURIComponent(u.username) : undefined
  u.username = ''
  u.password = ''
  const parts = u.pathname.replace(/\/+$/, '').split('/')
  const database = decodeURIComponent(parts.pop() ?? '')
  return { server: `${u.origin}${parts.join('/')}`, database, user }
}
