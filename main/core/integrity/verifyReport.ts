/** What `verify` found, and what `repair` did: plain data, printed by the CLI and the app. */

export type ProblemKind =
  | 'settings-missing'
  | 'settings-damaged'
  | 'shard-missing'
  | 'shard-damaged'
  | 'shard-unlisted'
  | 'content-missing'
  | 'content-altered'
  | 'content-unreadable'
  | 'file-missing'
  | 'file-altered'
  | 'summary-mismatch'
  | 'stray-file-altered'
  | 'index-damaged'
  | 'index-stale'

export interface VerifyProblem {
  kind: ProblemKind
  /** `error`: something is lost or wrong until repaired; `warning`: harmless or self-healing. */
  severity: 'error' | 'warning'
  /** Absolute path of the file concerned. */
  file: string
  itemId?: string
  /** The item's field: `content` (its text and fields), `photos[0].image`, `snapshot`… */
  field?: string
  sha256?: string
  shard?: string
  /** One sentence. */
  detail: string
}

export interface VerifyReport {
  dir: string
  checkedAt: string
  /** True when there is no error (warnings allowed). */
  ok: boolean
  checked: { shards: number; items: number; files: number; bytes: number; indexSegments: number }
  problems: VerifyProblem[]
}

export interface RepairAction {
  /** What was done: `quarantined`, `restored`, `rebuilt`, `reset`. */
  action: 'quarantined' | 'restored' | 'rebuilt' | 'reset'
  file: string
  /** For `restored`: the backup it came from. */
  from?: string
  detail: string
}

export interface RepairReport {
  dir: string
  /** The folder damaged files were moved to, if any (`quarantine/<timestamp>`). */
  quarantine?: string
  /** The backups that were searched for good copies (newest first). */
  backupsSearched: string[]
  actions: RepairAction[]
  /** What no backup held a good copy of: lost unless found elsewhere. */
  unrecovered: VerifyProblem[]
  before: VerifyReport
  after: VerifyReport
}

/** The report as lines for a terminal. */
export function formatVerifyReport(report: VerifyReport): string {
  const c = report.checked
  const lines = [
    `Checked ${report.dir}: ${c.shards} shard${c.shards === 1 ? '' : 's'}, ${c.items} item${c.items === 1 ? '' : 's'}, ${c.files} file${c.files === 1 ? '' : 's'} (${formatBytes(c.bytes)}), ${c.indexSegments} index segment${c.indexSegments === 1 ? '' : 's'}.`,
  ]
  for (const p of report.problems) lines.push(`${p.severity.padEnd(7)} ${describeProblem(p)}`)
  const errors = report.problems.filter((p) => p.severity === 'error').length
  const warnings = report.problems.length - errors
  lines.push(
    report.ok
      ? `No damage found${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.`
      : `${errors} problem${errors === 1 ? '' : 's'} found: run “morgue repair” to restore from the newest good backup.`,
  )
  return lines.join('\n')
}

export function describeProblem(p: VerifyProblem): string {
  const where = p.itemId ? `item ${p.itemId}${p.field ? ` (${p.field})` : ''}: ` : ''
  return `${where}${p.detail} — ${p.file}`
}

export function formatRepairReport(report: RepairReport): string {
  const lines: string[] = []
  if (report.before.ok && report.actions.every((a) => a.action === 'rebuilt')) {
    const rebuilt = report.actions.length > 0 ? ' The search index was rebuilt.' : ''
    return `Nothing to repair in ${report.dir}: no damage found.${rebuilt}`
  }
  for (const a of report.actions) {
    lines.push(`${a.action.padEnd(11)} ${a.file}${a.from ? ` ← ${a.from}` : ''}: ${a.detail}`)
  }
  if (report.quarantine) lines.push(`Damaged files were moved to ${report.quarantine}.`)
  if (report.backupsSearched.length === 0) lines.push('No backup was found to restore from.')
  for (const p of report.unrecovered) lines.push(`not recovered ${describeProblem(p)}`)
  lines.push(
    report.after.ok
      ? `Repaired: the archive checks clean${report.unrecovered.length ? `, but ${report.unrecovered.length} thing${report.unrecovered.length === 1 ? '' : 's'} could not be recovered` : ''}.`
      : `Still damaged after repair: ${report.after.problems.filter((p) => p.severity === 'error').length} problem(s) remain.`,
  )
  return lines.join('\n')
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
