import { useState } from 'react'
import type { FeedRefreshOutcome, FeedView } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'

const INTERVALS: [number, string][] = [
  [0, 'Only when asked'],
  [15, 'Every 15 minutes'],
  [60, 'Every hour'],
  [360, 'Every 6 hours'],
  [1440, 'Once a day'],
]

export function describeRefresh(outcomes: FeedRefreshOutcome[]): string {
  const archived = outcomes.reduce((n, o) => n + o.archived, 0)
  const failed = outcomes.filter((o) => o.status === 'failed')
  const parts = [`${plural(archived, 'new article')} archived`]
  if (failed.length) parts.push(`${failed.map((f) => f.title).join(', ')} failed`)
  return parts.join('; ') + '.'
}

/**
 * The sidebar's Feeds section: subscribed feeds with unread counts and errors; click one to
 * list its items; refresh one or all now; subscribe, unsubscribe, OPML in and out, and the
 * automatic refresh interval (off until the user picks one).
 */
export function FeedsPanel({
  feeds,
  refreshMinutes,
  busy,
  active,
  onShow,
  run,
  onDone,
}: {
  feeds: FeedView[]
  refreshMinutes: number
  busy: string | null
  active: string | null
  onShow: (feed: FeedView | null) => void
  run: <T>(label: string, action: () => Promise<T>) => Promise<T | null>
  onDone: (message: string) => void
}) {
  const [dialog, setDialog] = useState<'subscribe' | 'settings' | null>(null)
  const refresh = (feed?: FeedView) =>
    void run(feed?.id ?? 'all', () => unwrap(archive.refreshFeeds(feed?.id))).then(
      (r) => r && onDone(describeRefresh(r)),
    )
  return (
    <section className="side-section feeds" aria-label="Feeds">
      <h3>
        Feeds
        <span className="side-actions">
          {feeds.length > 0 && (
            <button
              type="button"
              className="icon-button"
              aria-label="Refresh all feeds"
              title="Refresh all feeds now"
              disabled={busy !== null}
              onClick={() => refresh()}
            >
              ⟳
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Subscribe to a feed"
            title="Subscribe to a feed"
            onClick={() => setDialog('subscribe')}
          >
            ＋
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Feed settings"
            title="Refresh interval, OPML"
            onClick={() => setDialog('settings')}
          >
            ⚙
          </button>
        </span>
      </h3>
      {busy && (
        <p className="muted small" role="status">
          Refreshing…
        </p>
      )}
      {feeds.length === 0 ? (
        <p className="muted small">Subscribe to a site’s feed: its new articles are archived.</p>
      ) : (
        <ul className="feed-list">
          {feeds.map((f) => (
            <li key={f.id} className={f.id === active ? 'active' : undefined} data-testid="feed">
              <button
                type="button"
                className="feed-name"
                title={f.error ? `Last refresh failed: ${f.error}` : f.url}
                onClick={() => onShow(f.id === active ? null : f)}
              >
                <span dir="auto">{f.title}</span>
                {f.error && (
                  <span className="feed-error" aria-label={`Error: ${f.error}`}>
                    !
                  </span>
                )}
                {f.unread > 0 && (
                  <span
                    className="count"
                    data-testid="feed-unread"
                    aria-label={`${f.unread} unread`}
                  >
                    {f.unread}
                  </span>
                )}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Refresh ${f.title}`}
                disabled={busy !== null}
                onClick={() => refresh(f)}
              >
                ⟳
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Unsubscribe from ${f.title}`}
                onClick={() =>
                  void run(f.id, () => unwrap(archive.unsubscribe(f.id))).then(() => {
                    if (f.id === active) onShow(null)
                  })
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {feeds.some((f) => f.error) && (
        <ul className="feed-errors muted small">
          {feeds
            .filter((f) => f.error)
            .map((f) => (
              <li key={f.id} data-testid="feed-error">
                {f.title}: {f.error}
              </li>
            ))}
        </ul>
      )}
      {dialog === 'subscribe' && (
        <SubscribeDialog
          onClose={() => setDialog(null)}
          onSubscribe={(url) => {
            setDialog(null)
            void run('subscribe', () => unwrap(archive.subscribe(url))).then(
              (r) => r && onDone(`Subscribed to ${r.feed.title}: ${describeRefresh([r.refresh])}`),
            )
          }}
        />
      )}
      {dialog === 'settings' && (
        <FeedSettingsDialog
          refreshMinutes={refreshMinutes}
          onClose={() => setDialog(null)}
          run={run}
          onDone={onDone}
        />
      )}
    </section>
  )
}

function SubscribeDialog({
  onClose,
  onSubscribe,
}: {
  onClose: () => void
  onSubscribe: (url: string) => void
}) {
  const [url, setUrl] = useState('')
  const ok = /^https?:\/\/\S+$/i.test(url.trim())
  return (
    <Dialog title="Subscribe to a feed" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (ok) onSubscribe(url.trim())
        }}
      >
        <label className="field">
          <span>Feed address, or the address of a site that has one</span>
          <input
            type="url"
            aria-label="Feed address"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.org/rss.xml"
          />
        </label>
        <p className="muted small">
          RSS, Atom and JSON Feed. Each new entry is archived as the full article, with its images.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!ok}>
            Subscribe
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function FeedSettingsDialog({
  refreshMinutes,
  onClose,
  run,
  onDone,
}: {
  refreshMinutes: number
  onClose: () => void
  run: <T>(label: string, action: () => Promise<T>) => Promise<T | null>
  onDone: (message: string) => void
}) {
  const [opml, setOpml] = useState('')
  return (
    <Dialog title="Feed settings" onClose={onClose} wide>
      <label className="field">
        <span>Refresh the feeds automatically</span>
        <select
          aria-label="Refresh interval"
          value={refreshMinutes}
          onChange={(e) =>
            void run('settings', () =>
              unwrap(archive.setFeedRefreshMinutes(Number(e.target.value))),
            )
          }
        >
          {INTERVALS.map(([m, label]) => (
            <option key={m} value={m}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Import an OPML list from another feed reader (paste it or pick the file)</span>
        <textarea
          aria-label="OPML"
          rows={5}
          value={opml}
          onChange={(e) => setOpml(e.target.value)}
        />
        <input
          type="file"
          accept=".opml,.xml,text/xml,text/x-opml"
          aria-label="OPML file"
          onChange={(e) => void e.target.files?.[0]?.text().then(setOpml)}
        />
      </label>
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() =>
            void run('opml', () => unwrap(archive.exportOpml())).then((xml) => {
              if (!xml) return
              const a = document.createElement('a')
              a.href = URL.createObjectURL(new Blob([xml], { type: 'text/x-opml' }))
              a.download = 'morgue-feeds.opml'
              a.click()
              URL.revokeObjectURL(a.href)
            })
          }
        >
          Export OPML
        </button>
        <button
          type="button"
          disabled={!opml.trim()}
          onClick={() =>
            void run('opml', () => unwrap(archive.importOpml(opml))).then((r) => {
              if (!r) return
              onDone(
                `Subscribed to ${plural(r.added, 'feed')}${r.existing ? ` (${r.existing} already followed)` : ''}.`,
              )
              setOpml('')
            })
          }
        >
          Import OPML
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  )
}
