import fs from 'node:fs/promises'
import path from 'node:path'
import type { Adapter } from 'lowdb'
import { CorruptArchiveError } from './errors'

let tempCounter = 0

/** Options of {@link writeFileDurably}. */
export interface DurableWriteOptions {
  /** Folder for the temp file; must be on the same file system as the target (rename). */
  tmpDir: string
  /**
   * fsync the target's folder after the rename (default true). Batch writers pass false and
   * call {@link syncDir} once per folder instead.
   */
  syncDir?: boolean
}

/**
 * Replace `target` with `data` so that a crash at any moment leaves either the old or the new
 * file, never a mix: write a temp file, fsync it, rename it over the target, fsync the folder.
 * Resolves once the new content is durable. On failure the temp file is removed and the target
 * is untouched.
 */
export async function writeFileDurably(
  target: string,
  data: string | Uint8Array,
  options: DurableWriteOptions,
): Promise<void> {
  const temp = path.join(
    options.tmpDir,
    `${path.basename(target)}.${process.pid}.${++tempCounter}.tmp`,
  )
  try {
    const handle = await fs.open(temp, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, target)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  if (options.syncDir !== false) await syncDir(path.dirname(target))
}

/**
 * fsync a folder, making renames and new entries in it durable. A no-op on Windows, where a
 * folder cannot be opened for fsync (NTFS journals the rename itself).
 */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * A lowdb adapter for one JSON file written with {@link writeFileDurably}. Unlike lowdb's
 * `JSONFile` (steno: temp + rename, no fsync) a write is durable when it resolves, and a file
 * that does not parse is reported as {@link CorruptArchiveError} naming the file, instead of a
 * bare `SyntaxError`. A missing file reads as `null` (lowdb then uses its default data).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly tmpDir: string,
    private readonly indent?: number,
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await fs.readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    try {
      return JSON.parse(text) as T
    } catch (error) {
      throw new CorruptArchiveError(this.file, `not valid JSON: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(data, null, this.indent), {
      tmpDir: this.tmpDir,
    })
  }
}
