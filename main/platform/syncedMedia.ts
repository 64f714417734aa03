import type { Archive } from '../core/archiveApi'
import type { SyncController } from '../core/sync/syncController'
import { readMedia, type MediaFile } from './media'

const SHA256 = /^[0-9a-f]{64}$/

/**
 * A blob for display; one this archive lacks (an original left on the desk's server while
 * "download originals" is off) is fetched from the server first, checked against its name.
 */
export async function readMediaOrFetch(
  archive: Archive,
  sha256: string,
  sync: SyncController | null | undefined,
): Promise<MediaFile | null> {
  const media = await readMedia(archive.dir, (s) => archive.blobPath(s), sha256)
  if (media || !sync || !SHA256.test(sha256)) return media
  if (!(await sync.fetchOriginal(sha256, 'application/octet-stream'))) return null
  return readMedia(archive.dir, (s) => archive.blobPath(s), sha256)
}
