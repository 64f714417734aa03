export { ArchiveLockedError, type ArchiveSettings, type ItemStore } from './itemStore'
export { openItemStore } from './openItemStore'
export { createMemoryStore } from './memoryStore'
export {
  ArchiveVersionError,
  BlobNotFoundError,
  CorruptArchiveError,
  StoreClosedError,
} from './errors'
export { CURRENT_SCHEMA_VERSION } from './layout'
