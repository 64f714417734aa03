import { useEffect, useState, type FormEvent } from 'react'
import type {
  BackupReport,
  BackupSettings,
  RepairReport,
  VerifyReport,
} from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'

type Outcome =
  | { kind: 'check'; report: VerifyReport }
  | { kind: 'repair'; report: RepairReport }
  | { kind: 'backup'; report: BackupReport }
  | { kind: 'error'; message: string }

/**
 * Check archive, Repair and Back up now, and the automatic backup settings: the archive's
 * maintenance in one dialog. Every outcome is shown in full (what was checked, each problem
 * with its item and file, what repair restored and what it could not).
 */
export function MaintenanceDialog({ onClose }: { onClose: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [settings, setSettings] = useState<BackupSettings | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    unwrap(archive.backupSettings()).then(setSettings, () => setSettings(null))
  }, [])

  async function run(label: string, task: () => Promise<Outcome>) {
    setBusy(label)
    setOutcome(null)
    try {
      setOutcome(await task())
    } catch (err) {
      setOutcome({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(null)
    }
  }

  async function saveSettings(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const folder = String(form.get('folder') ?? '').trim()
    const next: BackupSettings | null = folder
      ? {
          folder,
          intervalHours: Number(form.get('intervalHours') ?? 24),
          keep: Math.max(1, Math.round(Number(form.get('keep') ?? 7))),
        }
      : null
    try {
      await unwrap(archive.setBackupSettings(next))
      setSettings(next)
      setSaved(true)
    } catch (err) {
      setOutcome({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
    }
  }

  return (
    <Dialog title="Check, repair and back up" onClose={onClose} wide>
      <div className="maintenance-actions">
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            void run('Checking…', async () => ({
              kind: 'check',
              report: await unwrap(archive.checkArchive()),
            }))
          }
        >
          Check archive
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            void run('Repairing…', async () => ({
              kind: 'repair',
              report: await unwrap(archive.repairArchive()),
            }))
          }
        >
          Repair
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy !== null || !settings}
          title={settings ? undefined : 'Choose a backup folder below first'}
          onClick={() =>
            void run('Backing up…', async () => ({
              kind: 'backup',
              report: await unwrap(archive.backupNow()),
            }))
          }
        >
          Back up now
        </button>
        {busy && (
          <span className="muted" role="status">
            {busy}
          </span>
        )}
      </div>

      {outcome && <OutcomeView outcome={outcome} />}

      <form className="maintenance-settings" onSubmit={(e) => void saveSettings(e)}>
        <h3>Automatic backups</h3>
        <label className="field">
          <span>Backup folder (absolute path, best on another disk; empty = off)</span>
          <input
            name="folder"
            defaultValue={settings?.folder ?? ''}
            key={settings?.folder ?? 'none'}
            placeholder="/media/backup/morgue"
            autoComplete="off"
            onChange={() => setSaved(false)}
          />
        </label>
        <div className="maintenance-row">
          <label className="field">
            <span>Every (hours; 0 = only when asked)</span>
            <input
              name="intervalHours"
              type="number"
              min={0}
              step="any"
              defaultValue={settings?.intervalHours ?? 24}
              key={`i${settings?.intervalHours ?? 24}`}
            />
          </label>
          <label className="field">
            <span>Keep (backups)</span>
            <input
              name="keep"
              type="number"
              min={1}
              defaultValue={settings?.keep ?? 7}
              key={`k${settings?.keep ?? 7}`}
            />
          </label>
        </div>
        <div className="dialog-actions">
          {saved && (
            <span className="muted" role="status">
              Saved.
            </span>
          )}
          <button type="submit">Save backup settings</button>
        </div>
      </form>
    </Dialog>
  )
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'error') {
    return (
      <p className="maintenance-outcome error" role="alert">
        {outcome.message}
      </p>
    )
  }
  if (outcome.kind === 'backup') {
    const r = outcome.report
    return (
      <div className="maintenance-outcome" role="status" data-testid="maintenance-outcome">
        <p>
          Backed up {plural(r.items, 'item')} to <code>{r.snapshot}</code> (
          {plural(r.copied, 'file')} copied, {r.linked} linked from the previous backup).
        </p>
        {r.damaged.length > 0 && (
          <p className="error">Not backed up (damaged): {r.damaged.join(', ')}</p>
        )}
      </div>
    )
  }
  if (outcome.kind === 'check') return <VerifyView report={outcome.report} />
  const r = outcome.report
  return (
    <div className="maintenance-outcome" role="status" data-testid="maintenance-outcome">
      {r.actions.length === 0 && r.before.ok ? (
        <p>Nothing to repair: no damage found.</p>
      ) : (
        <ul>
          {r.actions.map((a, i) => (
            <li key={i}>
              <strong>{a.action}</strong> <code>{a.file}</code>
              {a.from && (
                <>
                  {' '}
                  from <code>{a.from}</code>
                </>
              )}
              : {a.detail}
            </li>
          ))}
        </ul>
      )}
      {r.quarantine && (
        <p>
          Damaged files were moved to <code>{r.quarantine}</code>.
        </p>
      )}
      {r.unrecovered.length > 0 && (
        <>
          <p className="error">Could not be recovered (no good copy in any backup):</p>
          <ul>
            {r.unrecovered.map((p, i) => (
              <li key={i}>
                {p.itemId && `Item ${p.itemId}${p.field ? ` (${p.field})` : ''}: `}
                {p.detail} — <code>{p.file}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{r.after.ok ? 'The archive now checks clean.' : 'The archive is still damaged.'}</p>
    </div>
  )
}

function VerifyView({ report }: { report: VerifyReport }) {
  const c = report.checked
  return (
    <div className="maintenance-outcome" role="status" data-testid="maintenance-outcome">
      <p>
        Checked {plural(c.shards, 'shard')}, {plural(c.items, 'item')}, {plural(c.files, 'file')}{' '}
        and {plural(c.indexSegments, 'index segment')}.{' '}
        <strong>
          {report.ok
            ? 'No damage found.'
            : `${plural(report.problems.filter((p) => p.severity === 'error').length, 'problem')} found: Repair restores from the newest good backup.`}
        </strong>
      </p>
      {report.problems.length > 0 && (
        <ul>
          {report.problems.map((p, i) => (
            <li key={i} className={p.severity === 'error' ? 'error' : 'muted'}>
              {p.itemId && `Item ${p.itemId}${p.field ? ` (${p.field})` : ''}: `}
              {p.detail} — <code>{p.file}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** A bar over the window when the archive opened with damage; it offers Check and Repair. */
export function DamageBanner({ version, onOpen }: { version: number; onOpen: () => void }) {
  const [files, setFiles] = useState<string[]>([])
  useEffect(() => {
    let live = true
    unwrap(archive.archiveDamage()).then(
      (damage) => live && setFiles(damage.map((d) => `${d.file} (${d.detail})`)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [version])
  if (files.length === 0) return null
  return (
    <div className="damage-banner" role="alert" data-testid="damage-banner">
      <span>
        <strong>The archive is damaged:</strong> {files.join('; ')}. The rest of the archive is
        shown; what is damaged cannot be changed until it is repaired.
      </span>
      <button type="button" onClick={onOpen}>
        Check and repair…
      </button>
    </div>
  )
}
