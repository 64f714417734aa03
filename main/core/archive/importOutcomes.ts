import { ArchiveError } from '../archiveError'
import { ImportError } from '../importers/importer'
import type { ImportOutcome, ImportReport } from '../model'

/** The outcome of a source that could not be imported, with a sentence for the user. */
export function failed(source: string, err: unknown): ImportOutcome {
  if (err instanceof ImportError || err instanceof ArchiveError) {
    return { source, status: 'failed', ids: [], reason: err.message }
  }
  const detail = err instanceof Error ? err.message : String(err)
  return {
    source,
    status: 'failed',
    ids: [],
    reason: `${source} could not be imported: ${detail}`,
  }
}

export function report(outcomes: ImportOutcome[], cancelled: boolean): ImportReport {
  const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length
  return {
    imported: outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.ids.length : 0), 0),
    duplicates: count('duplicate'),
    failed: count('failed'),
    cancelled,
    outcomes,
  }
}

export function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Math.round(n / 1024 / 1024)} MB`
}
