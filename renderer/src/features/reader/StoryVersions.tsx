import { useEffect, useState } from 'react'
import type { Article, VersionContent, VersionDiff } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'
import { formatDate } from '../../ui/format'

type Mode = 'diff' | 'side'

/**
 * Compare two captures of a story: a word-level diff (removed words struck through, added ones
 * marked) or both versions side by side. Defaults to the last two versions.
 */
export function StoryVersions({
  story,
  onFailure,
}: {
  story: Article
  onFailure: (message: string) => void
}) {
  const count = (story.versions?.length ?? 0) + 1
  const [from, setFrom] = useState(count - 1)
  const [to, setTo] = useState(count)
  const [mode, setMode] = useState<Mode>('diff')
  const [diff, setDiff] = useState<VersionDiff | null>(null)
  const [sides, setSides] = useState<[VersionContent, VersionContent] | null>(null)

  useEffect(() => {
    let live = true
    const fail = (err: unknown) =>
      live && onFailure(err instanceof Error ? err.message : String(err))
    if (mode === 'diff') {
      unwrap(archive.diffVersions(story.id, from, to)).then((d) => live && setDiff(d), fail)
    } else {
      Promise.all([
        unwrap(archive.readVersion(story.id, from)),
        unwrap(archive.readVersion(story.id, to)),
      ]).then((pair) => live && setSides(pair), fail)
    }
    return () => {
      live = false
    }
  }, [story.id, story.versions?.length, from, to, mode, onFailure])

  const captured = (n: number) =>
    n === count
      ? (story.capturedAt ?? story.archivedAt)
      : (story.versions?.[n - 1]?.capturedAt ?? story.archivedAt)
  const picker = (label: string, value: number, set: (n: number) => void) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n} · {formatDate(captured(n))}
            {n === count ? ' (shown)' : ''}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <section className="versions" data-testid="versions" aria-label="Versions of this story">
      <div className="versions-bar">
        {picker('Compare', from, setFrom)}
        {picker('with', to, setTo)}
        <div role="group" aria-label="How to compare" className="segmented">
          <button type="button" aria-pressed={mode === 'diff'} onClick={() => setMode('diff')}>
            Changes
          </button>
          <button type="button" aria-pressed={mode === 'side'} onClick={() => setMode('side')}>
            Side by side
          </button>
        </div>
      </div>
      {mode === 'diff' && diff && (
        <>
          <p className="muted small" data-testid="diff-summary">
            {diff.added} words added, {diff.removed} removed
          </p>
          <div className="diff" dir="auto" data-testid="diff">
            {diff.parts.map((p, i) =>
              p.change === 'added' ? (
                <ins key={i}>{p.text}</ins>
              ) : p.change === 'removed' ? (
                <del key={i}>{p.text}</del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </div>
        </>
      )}
      {mode === 'side' && sides && (
        <div className="versions-side" data-testid="versions-side">
          {sides.map((v, i) => (
            <div key={i} className="version-column" dir="auto">
              <p className="muted small">
                Version {i === 0 ? from : to} · {formatDate(captured(i === 0 ? from : to))}
              </p>
              <h2>{v.title}</h2>
              {v.body.map((para, j) => (
                <p key={j}>{para}</p>
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  )
}
