import fs from 'node:fs/promises'
import path from 'node:path'

/** Where repair puts damaged files, one folder per run: `quarantine/<timestamp>/<same path>`. */
export const QUARANTINE_DIR = 'quarantine'

export function quarantineStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-')
}

/**
 * Move a file of the archive into the quarantine folder under its own relative path, so the
 * user can inspect it (or hand it to someone who can salvage it). Returns where it went, or
 * undefined if the file was not there.
 */
export async function quarantineFile(
  root: string,
  quarantine: string,
  file: string,
): Promise<string | undefined> {
  const target = path.join(quarantine, path.relative(root, file))
  await fs.mkdir(path.dirname(target), { recursive: true })
  try {
    await fs.rename(file, target)
    return target
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
