/**
 * The archive's storage: items in 256 lowdb shard files (summaries + hashes), their bodies and
 * other large text in content-addressed blobs, settings in `archive.json`; one writer per folder.
 * See layout.ts for the folder layout and migrations.ts for the schema versions.
 */
export {
  ArchiveLockedError,
  type ArchiveSettings,
  type CompactReport,
  type ItemStore,
} from './itemStore'
export { openItemStore } from './openItemStore'
export { createMemoryStore } from './memoryStore'
export {
  ArchiveVersionError,
  BlobNotFoundError,
  CorruptArchiveError,
  DamagedArchiveError,
  DamagedBlobError,
  DamagedContentError,
  StoreClosedError,
} from './errors'
export { CURRENT_SCHEMA_VERSION } from './layout'
export type { StoreDamage } from './damage'
