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
      const sidecars = sidecarsIn(names)
      for (const name of names) {
        if (name.startsWith('.') || sidecars.has(name)) continue
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

const IMAGE_EXT = /\.(jpe?g|tiff?|png|webp|heic)$/i

/**
 * XMP sidecars (`photo.xmp` or `photo.jpg.xmp` beside `photo.jpg`) are read with their image by the photo importer,
 * so a folder import does not offer them on their own.
 */
function sidecarsIn(names: readonly string[]): Set<string> {
  const imageNames = names.filter((n) => IMAGE_EXT.test(n))
  // `photo.xmp` and `photo.jpg.xmp` both belong to `photo.jpg`
  const images = new Set([...imageNames.map(stem), ...imageNames.map((n) => n.toLowerCase())])
  return new Set(names.filter((n) => /\.xmp$/i.test(n) && images.has(stem(n))))
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.')
  return (dot > 0 ? name.slice(0, dot) : name).toLowerCase()
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
