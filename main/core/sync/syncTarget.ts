import { access } from 'node:fs/promises'
import type { Archive, ArchiveChange } from '../archiveApi'
import type { ArchiveItem, BlobRef, ItemId } from '../model'

/** What replication needs of the local archive (the archive stays the app's source of truth). */
export interface SyncTarget {
  readonly dir: string
  ids(): ItemId[]
  title(id: ItemId): string | undefined
  get(ids: readonly ItemId[]): Promise<ArchiveItem[]>
  /** Store items as they came (durable, indexed incrementally, listeners told). */
  putItems(items: readonly ArchiveItem[]): Promise<void>
  deleteItems(ids: readonly ItemId[]): Promise<void>
  settings(): Record<string, unknown>
  applySettings(values: Record<string, unknown>): Promise<void>
  hasBlob(sha256: string): Promise<boolean>
  readBlob(sha256: string): Promise<Buffer>
  putBlob(bytes: Uint8Array, mime: string, fileName?: string): Promise<BlobRef>
  onChange(listener: (change: ArchiveChange) => void): () => void
}

export function syncTargetOf(archive: Archive): SyncTarget {
  return {
    dir: archive.dir,
    ids: () => archive.list().items.map((s) => s.id),
    title: (id) => archive.list().items.find((s) => s.id === id)?.title,
    async get(ids) {
      const out: ArchiveItem[] = []
      for (const id of ids) {
        const item = await archive.get(id)
        if (item) out.push(item)
      }
      return out
    },
    putItems: (items) => archive.restore(items),
    async deleteItems(ids) {
      await archive.delete(ids)
    },
    settings: () => archive.settings() as unknown as Record<string, unknown>,
    applySettings: (values) => archive.applySettings(values),
    async hasBlob(sha) {
      try {
        await access(archive.blobPath(sha))
        return true
      } catch {
        return false
      }
    },
    readBlob: (sha) => archive.readBlob(sha),
    putBlob: (bytes, mime, fileName) => archive.putBlob(bytes, mime, fileName),
    onChange: (listener) => archive.onChange(listener),
  }
}
