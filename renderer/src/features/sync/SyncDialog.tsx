import { useEffect, useState, type FormEvent } from 'react'
import type { ConflictInfo, SyncSettingsView, SyncStatus } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { describeSync } from './useSyncStatus'

/**
 * Settings ▸ Sync: the desk's CouchDB server, database, user and password, continuous or
 * manual sync, originals with the items or on demand; Sync now, Pause; and the Conflicts
 * list, where the other desktop's caption, credit or note can be picked.
 */
export function SyncDialog({ status, onClose }: { status: SyncStatus; onClose: () => void }) {
  const [settings, setSettings] = useState<SyncSettingsView | null | undefined>(undefined)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [conflicts, setConflicts] = useState<ConflictInfo[]>([])

  useEffect(() => {
    unwrap(archive.syncSettings()).then(setSettings, () => setSettings(null))
  }, [])
  useEffect(() => {
    unwrap(archive.syncConflicts()).then(setConflicts, () => setConflicts([]))
  }, [status.conflicts, status.lastSync?.at])

  async function act(task: () => Promise<string | null>) {
    setBusy(true)
    setMessage(null)
    try {
      setMessage(await task())
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const password = String(form.get('password') ?? '')
    const next = {
      server: String(form.get('server') ?? '').trim(),
      database: String(form.get('database') ?? '').trim(),
      user: String(form.get('user') ?? '').trim() || undefined,
      live: form.get('mode') === 'live',
      downloadOriginals: form.get('originals') === 'on',
      paused: false,
      ...(password ? { password } : {}),
    }
    void act(async () => {
      await unwrap(archive.setSyncSettings(next))
      setSettings(await unwrap(archive.syncSettings()))
      return next.live ? 'Saved: syncing continuously.' : 'Saved: sync when you choose Sync now.'
    })
  }

  async function pick(id: string, side: 'kept' | 'other') {
    await act(async () => {
      setConflicts(await unwrap(archive.pickSyncConflict(id, side)))
      return side === 'kept' ? 'Kept as shown.' : 'The other version is in; it syncs to the desk.'
    })
  }

  if (settings === undefined) return null
  return (
    <Dialog title="Settings ▸ Sync" onClose={onClose} wide>
      <p className="sync-status-line" role="status">
        {describeSync(status)}
      </p>
      <form className="sync-form" onSubmit={save}>
        <label>
          Server
          <input
            name="server"
            type="url"
            required
            placeholder="https://couch.example.org"
            defaultValue={settings?.server ?? ''}
          />
        </label>
        <label>
          Database
          <input
            name="database"
            required
            pattern="[a-z][a-z0-9_$()+/\-]*"
            placeholder="desk-news"
            defaultValue={settings?.database ?? ''}
          />
        </label>
        <label>
          User
          <input name="user" autoComplete="username" defaultValue={settings?.user ?? ''} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            placeholder={settings?.hasPassword ? '(kept)' : ''}
          />
        </label>
        {settings && !settings.passwordPersists && (
          <p className="hint">Here the password is kept until Morgue closes.</p>
        )}
        <fieldset>
          <legend>Sync</legend>
          <label>
            <input type="radio" name="mode" value="live" defaultChecked={settings?.live ?? true} />
            Continuously
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              value="manual"
              defaultChecked={settings ? !settings.live : false}
            />
            Only when I choose Sync now
          </label>
        </fieldset>
        <label>
          <input
            type="checkbox"
            name="originals"
            defaultChecked={settings?.downloadOriginals ?? true}
          />
          Download originals (photos, page snapshots) with the items
        </label>
        <div className="dialog-actions">
          <button type="submit" disabled={busy}>
            Save and connect
          </button>
          {settings && (
            <>
              <button
                type="button"
                disabled={busy || status.state === 'paused'}
                onClick={() =>
                  void act(async () => {
                    const r = await unwrap(archive.syncNow())
                    return `Synced: ${r.pulled} in, ${r.pushed} out${r.conflicts ? `, ${r.conflicts} conflicts` : ''}.`
                  })
                }
              >
                Sync now
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await unwrap(archive.pauseSync(status.state !== 'paused'))
                    return null
                  })
                }
              >
                {status.state === 'paused' ? 'Resume sync' : 'Pause sync'}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await unwrap(archive.disconnectSync())
                    setSettings(null)
                    return 'Disconnected: this archive keeps everything it has.'
                  })
                }
              >
                Disconnect
              </button>
            </>
          )}
        </div>
      </form>
      {message && (
        <p className="sync-message" role="alert">
          {message}
        </p>
      )}
      <section aria-label="Conflicts" className="sync-conflicts-list">
        <h3>Conflicts</h3>
        {conflicts.length === 0 ? (
          <p>No conflicts.</p>
        ) : (
          <ul>
            {conflicts.map((c) => (
              <li key={c.id}>
                <strong>{c.title}</strong> <span className="muted">({c.field})</span>
                {c.field === 'deleted' ? (
                  <p>{c.other}: the edit was kept.</p>
                ) : (
                  <dl>
                    <dt>Shown</dt>
                    <dd>{c.kept || '(empty)'}</dd>
                    <dt>Other desktop</dt>
                    <dd>{c.other || '(empty)'}</dd>
                  </dl>
                )}
                <button type="button" disabled={busy} onClick={() => void pick(c.id, 'kept')}>
                  Keep shown
                </button>
                <button type="button" disabled={busy} onClick={() => void pick(c.id, 'other')}>
                  {c.field === 'deleted' ? 'Delete it' : 'Use other'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  )
}
