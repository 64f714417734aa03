import { randomBytes } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileDurably } from '../storage/durableFile'
import type { Seq } from './couchClient'
import type { ItemConflict, SettingConflict } from './types'

/** Tags at the last revision both sides share: '' is the item's own, then one per photo id. */
export type TagBase = Record<string, string[]>

/** What this desktop knows of one document. */
export interface DocState {
  /** Our current revision. */
  rev: string
  /** Its history, newest first (bounded), `rev` first. */
  history: string[]
  /** Fingerprint of the local value at `rev` (canonical JSON, sha1). */
  fp: string
  /** The server has `rev`. */
  pushed: boolean
  deleted?: boolean
  /** When `rev` was written, for "newest wins". */
  updatedAt: string
  base?: TagBase
  /** Other branches' leaves already merged in (never fetched again). */
  seen?: string[]
  /** Caption/credit/notes conflicts and kept edits, carried with the item to every desktop. */
  conflicts?: ItemConflict[]
}

export interface SyncStateData {
  version: 1
  /** Names this archive's checkpoints on the server (`_local/morgue-<id>`). */
  replicationId: string
  /** The database (URL without credentials) the revisions below were pushed to. */
  remote?: string
  /** Pull checkpoint: the server's sequence applied here. */
  since: Seq
  /** Changes the checkpoint belongs to: a mismatch with the server's copy restarts from 0. */
  session: string
  docs: Record<string, DocState>
  /** Revisions that close other branches after a merge, waiting to be pushed. */
  tombstones: Record<string, { rev: string; history: string[] }[]>
  settingConflicts: SettingConflict[]
  lastSync?: { at: string; pulled: number; pushed: number }
}

const HISTORY_LIMIT = 100

function empty(): SyncStateData {
  return {
    version: 1,
    replicationId: randomBytes(8).toString('hex'),
    since: 0,
    session: '',
    docs: {},
    tombstones: {},
    settingConflicts: [],
  }
}

/** The sync state of one archive: `sync/state.json` inside the archive folder, written atomically. */
export class SyncStateStore {
  private constructor(
    private readonly file: string,
    private readonly tmpDir: string,
    public data: SyncStateData,
  ) {}

  static async open(archiveDir: string): Promise<SyncStateStore> {
    const dir = join(archiveDir, 'sync')
    const tmpDir = join(archiveDir, 'tmp')
    await mkdir(dir, { recursive: true })
    await mkdir(tmpDir, { recursive: true })
    const file = join(dir, 'state.json')
    let data = empty()
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as SyncStateData
      if (parsed?.version === 1 && parsed.docs) data = { ...empty(), ...parsed }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        // A damaged state only costs a full comparison with the server: nothing local is lost.
        data = empty()
      }
    }
    return new SyncStateStore(file, tmpDir, data)
  }

  /** Point the state at a database; another one means every revision is offered again. */
  useRemote(remote: string): void {
    if (this.data.remote === remote) return
    this.data.remote = remote
    this.data.since = 0
    this.data.session = ''
    for (const doc of Object.values(this.data.docs)) doc.pushed = false
  }

  async save(): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(this.data), { tmpDir: this.tmpDir })
  }

  /** Every revision of a document this desktop has or has merged. */
  known(docId: string): Set<string> {
    const d = this.data.docs[docId]
    return new Set(d ? [...d.history, ...(d.seen ?? [])] : [])
  }
}

export function boundHistory(history: string[]): string[] {
  return history.slice(0, HISTORY_LIMIT)
}
