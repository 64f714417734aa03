import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * Put a good copy of blob `sha256` at `target`: a hard link to `linkFrom` when given and
 * possible (same file system; the snapshot it is in was checked when it was made), else a
 * copy of `copyFrom` whose bytes are hashed first, so damage is never copied. Returns how.
 */
export async function placeBlob(
  sha256: string,
  target: string,
  sources: { linkFrom?: string; copyFrom?: string },
): Promise<'linked' | 'copied' | 'missing' | 'damaged'> {
  await fs.mkdir(path.dirname(target), { recursive: true })
  if (sources.linkFrom) {
    try {
      await fs.link(sources.linkFrom, target)
      return 'linked'
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') return 'linked'
      // No hard links here (another device, FAT): copy instead.
      if (!['ENOENT', 'EXDEV', 'EPERM', 'ENOTSUP', 'ENOSYS', 'EMLINK'].includes(code ?? '')) {
        throw error
      }
    }
  }
  for (const from of [sources.copyFrom, sources.linkFrom]) {
    if (!from) continue
    let bytes: Buffer
    try {
      bytes = await fs.readFile(from)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      if (from === sources.copyFrom && sources.linkFrom) continue
      return 'damaged'
    }
    const temp = `${target}.${process.pid}.tmp`
    const handle = await fs.open(temp, 'w')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, target)
    return 'copied'
  }
  return 'missing'
}
