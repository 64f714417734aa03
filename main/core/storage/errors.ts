/**
 * Errors the storage layer throws for damaged or incompatible archives. Each names the file
 * involved so a user (or support) knows exactly what to restore; none is ever swallowed by
 * dropping items.
 */

/** A file of the archive cannot be read as what it should be (bad JSON, wrong shape, missing). */
export class CorruptArchiveError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The archive file ${file} is damaged (${detail}). Nothing was changed: restore this file from a backup to open the archive.`,
      options,
    )
    this.name = 'CorruptArchiveError'
  }
}

/** The archive was written by a newer Morgue (a schema version this build does not know). */
export class ArchiveVersionError extends Error {
  constructor(
    readonly dir: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The archive at ${dir} has format version ${found}, but this Morgue reads versions up to ${supported}. Update Morgue to open it.`,
    )
    this.name = 'ArchiveVersionError'
  }
}

/** A call on a store after `close()`. */
export class StoreClosedError extends Error {
  constructor(readonly dir: string) {
    super(`The archive at ${dir} is closed.`)
    this.name = 'StoreClosedError'
  }
}

/** `readBlob` of a sha256 the archive does not hold. */
export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`The archive holds no file with sha256 ${sha256}.`)
    this.name = 'BlobNotFoundError'
  }
}
