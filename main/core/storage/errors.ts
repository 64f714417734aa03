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

/** How a stored file failed its check. */
export type DamageKind = 'missing' | 'altered' | 'unreadable'

/**
 * A blob whose bytes no longer match its sha256 (bit rot, an edit by hand, a truncated copy),
 * or that is gone or unreadable. Reads never hand such bytes out as good; `morgue repair`
 * restores the file from a backup.
 */
export class DamagedBlobError extends Error {
  constructor(
    readonly sha256: string,
    readonly file: string,
    readonly damage: DamageKind = 'altered',
  ) {
    super(
      `The archive file ${file} is damaged (${damageText(damage)}). Run “morgue repair” or Check archive… to restore it from a backup.`,
    )
    this.name = 'DamagedBlobError'
  }
}

/**
 * An item whose stored content (its text, or a file such as a photo) is damaged: names the
 * item and the field, so the reader can say which item cannot be shown and export can skip it.
 */
export class DamagedContentError extends Error {
  constructor(
    readonly itemId: string,
    /** `content` (the item's text and fields), `photos[0].image`, `snapshot`… */
    readonly field: string,
    readonly sha256: string,
    readonly file: string,
    readonly damage: DamageKind,
  ) {
    super(
      `Item ${itemId} is damaged: its ${field === 'content' ? 'text' : field} (${file}) is ${damageText(damage)}. Run “morgue repair” or Check archive… to restore it from a backup.`,
    )
    this.name = 'DamagedContentError'
  }
}

function damageText(damage: DamageKind): string {
  if (damage === 'missing') return 'missing'
  if (damage === 'unreadable') return 'not readable as what it should be'
  return 'altered: its content no longer matches its sha256'
}

/**
 * A write that would touch a part of the archive found damaged at open (a shard that is
 * missing or unreadable, the settings file): refused, so the damaged file is kept for repair
 * and nothing in it is overwritten with a partial copy.
 */
export class DamagedArchiveError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `The archive file ${file} is damaged (${detail}), so what it holds cannot be changed until the archive is repaired: run “morgue repair” or Check archive….`,
    )
    this.name = 'DamagedArchiveError'
  }
}
