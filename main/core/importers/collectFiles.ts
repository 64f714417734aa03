import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface CollectedFile {
  path: string
  bytes: number
}

export interface Unreadable {
  path: string
  reason: string
}

/**
 * Expand files and folders (recursively) into the list of files to import, sorted by path within
 * each folder. Hidden files and folders (dot names) are skipped, a folder reached twice through
 * links is read once, and a path that cannot be read is reported instead of thrown.
 */
export async function collectFiles(
  paths: readonly string[],
): Promise<{ files: CollectedFile[]; unreadable: Unreadable[] }> {
  const files: CollectedFile[] = []
  const unreadable: Unreadable[] = []
  const seenDirs = new Set<string>()

  async function visit(path: string, explicit: boolean): Promise<void> {
    let info
    try {
      info = await stat(path)
    } catch (err) {
      unreadable.push({ path, reason: describeFsError(err, path) })
      return
    }
    if (info.isDirectory()) {
      const real = await realpath(path)
      if (seenDirs.has(real)) return
      seenDirs.add(real)
      let names: string[]
      try {
        names = (await readdir(path)).sort()
      } catch (err) {
        unreadable.push({ path, reason: describeFsError(err, path) })
        return
      }
      for (const name of names) {
        if (name.startsWith('.')) continue
        await visit(join(path, name), false)
      }
    } else if (info.isFile()) {
      files.push({ path, bytes: info.size })
    } else if (explicit) {
      unreadable.push({ path, reason: `${path} is not a file or a folder.` })
    }
  }

  for (const p of paths) await visit(p, true)
  return { files, unreadable }
}

/** One sentence for a file-system error a user can act on. */
export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return `${path} does not exist.`
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be read (permission denied).`
    case 'EISDIR':
      return `${path} is a folder.`
    default:
      return `${path} cannot be read: ${err instanceof Error ? err.message : String(err)}`
  }
}
