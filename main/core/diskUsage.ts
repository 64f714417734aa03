import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Total bytes and file count below a folder (links not followed). */
export async function diskUsage(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return { files, bytes }
  }
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      const sub = await diskUsage(p)
      files += sub.files
      bytes += sub.bytes
    } else if (e.isFile()) {
      files++
      bytes += (await stat(p)).size
    }
  }
  return { files, bytes }
}
