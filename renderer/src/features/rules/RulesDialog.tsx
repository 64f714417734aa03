import { useCallback, useEffect, useState, type DragEvent, type KeyboardEvent } from 'react'
import type { RulePreview, RuleRunResult, TagRule } from '../../../../preload/ruleContract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'
import { TagEditor } from '../tags/TagEditor'
import { describeAdds } from './ruleText'

interface Draft {
  /** The rule being edited; absent for a new one. */
  id?: string
  query: string
  tags: string[]
}

const EMPTY: Draft = { query: '', tags: [] }

type LastRun = { run: RuleRunResult; text: string } | null
/** The session's last run, so its Undo is still offered when the dialog is opened again. */
let sessionLastRun: LastRun = null

/**
 * Tagging rules: a query and the tags every item it matches gets, now (after a preview:
 * "adds Places/Syria/Raqqa to 214 items", with one Undo for the run) and whenever an item is
 * imported or changed. Rules are listed in order, switched on and off, edited, run again,
 * moved (↑/↓ buttons, Alt+↑/↓ on a row, or drag) and removed.
 */
export function RulesDialog({
  knownTags,
  onClose,
  onFailure,
}: {
  knownTags: string[]
  onClose: () => void
  onFailure: (message: string) => void
}) {
  const [rules, setRules] = useState<TagRule[] | null>(null)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [busy, setBusy] = useState(false)
  const [lastRun, setLastRunState] = useState<LastRun>(sessionLastRun)
  const setLastRun = (run: LastRun) => {
    sessionLastRun = run
    setLastRunState(run)
  }
  const [status, setStatus] = useState('')
  const [dragged, setDragged] = useState<string | null>(null)

  const fail = useCallback(
    (e: unknown) => onFailure(e instanceof Error ? e.message : String(e)),
    [onFailure],
  )

  useEffect(() => {
    unwrap(archive.rules()).then(setRules, fail)
  }, [fail])

  // A live preview of the rule being typed: what it would add, to how many items. Each
  // preview and confirmation belongs to the draft it was made for.
  const draftKey = JSON.stringify([draft.query, draft.tags])
  const [previewed, setPreviewed] = useState<{ key: string; preview: RulePreview } | null>(null)
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null)
  const preview = previewed?.key === draftKey && draft.tags.length > 0 ? previewed.preview : null
  const confirmAll = confirmedFor === draftKey
  useEffect(() => {
    if (draft.tags.length === 0) return
    let live = true
    const key = JSON.stringify([draft.query, draft.tags])
    const timer = setTimeout(() => {
      unwrap(archive.previewRule({ query: draft.query, tags: draft.tags })).then(
        (p) => live && setPreviewed({ key, preview: p }),
        (e: unknown) => live && fail(e),
      )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [draft.query, draft.tags, fail])

  async function save() {
    if (!preview || preview.error) return
    setBusy(true)
    try {
      const saved = await unwrap(
        archive.saveRule(
          { ...(draft.id ? { id: draft.id } : {}), query: draft.query, tags: draft.tags },
          { confirmWholeArchive: confirmAll },
        ),
      )
      setRules(await unwrap(archive.rules()))
      const verb = draft.id ? 'Rule changed' : 'Rule saved'
      if (saved.run) {
        const text =
          saved.run.changed === 0
            ? `${verb}: no item needed a tag.`
            : `${verb}: added ${describeAdds(saved.run.perTag)}.`
        setLastRun({ run: saved.run, text })
        setStatus('')
      } else setStatus(`${verb}.`)
      setDraft(EMPTY)
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  async function undo() {
    if (!lastRun) return
    setBusy(true)
    try {
      const n = await unwrap(archive.undoRuleRun(lastRun.run.runId))
      setLastRun(null)
      setStatus(`Undone: the tags are off ${plural(n, 'item')} again.`)
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  async function change(run: () => Promise<TagRule[]>, message: string) {
    try {
      setRules(await run())
      setStatus(message)
    } catch (e) {
      fail(e)
    }
  }

  const refreshed = async () => unwrap(archive.rules())
  const move = (rule: TagRule, to: number) =>
    change(
      () => unwrap(archive.moveRule(rule.id, to)),
      `Moved “${rule.query || '*'}” to position ${to + 1}.`,
    )

  async function runNow(rule: TagRule) {
    setBusy(true)
    try {
      const p = await unwrap(archive.previewRule(rule))
      if (p.wholeArchive && !window.confirm(wholeArchiveQuestion(p))) return
      const run = await unwrap(archive.runRule(rule.id, { confirmWholeArchive: p.wholeArchive }))
      const text =
        run.changed === 0
          ? `“${rule.query || '*'}”: no item needed a tag.`
          : `“${rule.query || '*'}”: added ${describeAdds(run.perTag)}.`
      setLastRun({ run, text })
      setStatus('')
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  function onRowKey(e: KeyboardEvent<HTMLLIElement>, rule: TagRule, at: number) {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
    e.preventDefault()
    const to = e.key === 'ArrowUp' ? at - 1 : at + 1
    if (to >= 0 && to < (rules?.length ?? 0)) void move(rule, to)
  }

  function onDrop(e: DragEvent<HTMLLIElement>, at: number) {
    e.preventDefault()
    const rule = rules?.find((r) => r.id === dragged)
    setDragged(null)
    if (rule && rule.order !== at) void move(rule, at)
  }

  const list = rules ?? []
  const canSave =
    !busy &&
    draft.tags.length > 0 &&
    preview !== null &&
    !preview.error &&
    (!preview.wholeArchive || confirmAll)

  return (
    <Dialog title="Tagging rules" onClose={onClose} wide label="Tagging rules">
      <p className="muted small">
        Every item a rule’s query matches gets its tags: the archive now, and every item imported or
        changed from now on. Rules apply in this order; removing a tag a rule added keeps it off
        that item.
      </p>

      {list.length === 0 ? (
        <p className="muted">No rules yet.</p>
      ) : (
        <ol className="rule-list" aria-label="Rules">
          {list.map((rule, at) => (
            <li
              key={rule.id}
              className={`rule-row${rule.enabled ? '' : ' rule-off'}${dragged === rule.id ? ' dragging' : ''}`}
              draggable
              tabIndex={-1}
              aria-label={`Rule ${at + 1}: ${rule.query || '*'} adds ${rule.tags.join(', ')}`}
              onKeyDown={(e) => onRowKey(e, rule, at)}
              onDragStart={(e) => {
                setDragged(rule.id)
                e.dataTransfer.effectAllowed = 'move'
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, at)}
              onDragEnd={() => setDragged(null)}
            >
              <span className="rule-grip" aria-hidden="true">
                ⠿
              </span>
              <label className="rule-enabled">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  aria-label={`Rule “${rule.query || '*'}” on`}
                  onChange={(e) =>
                    void change(
                      async () => {
                        await unwrap(archive.setRuleEnabled(rule.id, e.target.checked))
                        return refreshed()
                      },
                      `“${rule.query || '*'}” is ${e.target.checked ? 'on' : 'off'}.`,
                    )
                  }
                />
              </label>
              <code className="rule-query">{rule.query || '*'}</code>
              <span aria-hidden="true">→</span>
              <span className="rule-tags">
                {rule.tags.map((t) => (
                  <span key={t} className="tag-chip">
                    {t}
                  </span>
                ))}
              </span>
              <span className="rule-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move “${rule.query || '*'}” up`}
                  disabled={at === 0}
                  onClick={() => void move(rule, at - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move “${rule.query || '*'}” down`}
                  disabled={at === list.length - 1}
                  onClick={() => void move(rule, at + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => setDraft({ id: rule.id, query: rule.query, tags: rule.tags })}
                >
                  Edit
                </button>
                <button type="button" disabled={busy} onClick={() => void runNow(rule)}>
                  Run now
                </button>
                <button
                  type="button"
                  aria-label={`Remove rule “${rule.query || '*'}”`}
                  onClick={() =>
                    void change(
                      async () => {
                        await unwrap(archive.removeRule(rule.id))
                        return refreshed()
                      },
                      `Removed “${rule.query || '*'}”; the tags it added stay.`,
                    )
                  }
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}

      <form
        className="rule-form"
        aria-label={draft.id ? 'Edit rule' : 'New rule'}
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <h3>{draft.id ? 'Edit rule' : 'New rule'}</h3>
        <label className="field">
          <span>Items matching the query</span>
          <input
            aria-label="Rule query"
            placeholder="agency:afp raqqa"
            value={draft.query}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!preview?.error}
            onChange={(e) => setDraft({ ...draft, query: e.target.value })}
          />
        </label>
        {preview?.error && <QueryProblem query={draft.query.trim()} preview={preview} />}
        <div className="field">
          <span>get the tags</span>
          <TagEditor
            tags={draft.tags}
            known={knownTags}
            placeholder="Places/Syria/Raqqa"
            onAdd={(t) =>
              setDraft((d) =>
                d.tags.some((x) => x.toLowerCase() === t.toLowerCase())
                  ? d
                  : { ...d, tags: [...d.tags, t] },
              )
            }
            onRemove={(t) => setDraft((d) => ({ ...d, tags: d.tags.filter((x) => x !== t) }))}
          />
        </div>
        {preview && !preview.error && (
          <p className="rule-preview" data-testid="rule-preview" aria-live="polite">
            {previewText(preview)}
          </p>
        )}
        {preview?.wholeArchive && !preview.error && (
          <label className="rule-confirm">
            <input
              type="checkbox"
              checked={confirmAll}
              onChange={(e) => setConfirmedFor(e.target.checked ? draftKey : null)}
            />
            {wholeArchiveQuestion(preview)}
          </label>
        )}
        <div className="dialog-actions">
          {draft.id && (
            <button type="button" onClick={() => setDraft(EMPTY)}>
              Cancel edit
            </button>
          )}
          <button type="submit" className="primary" disabled={!canSave}>
            {draft.id ? 'Save and apply' : 'Add rule and apply'}
          </button>
        </div>
      </form>

      {lastRun && (
        <p className="rule-status" role="status" data-testid="rule-last-run">
          {lastRun.text}
          {lastRun.run.changed > 0 && (
            <button type="button" disabled={busy} onClick={() => void undo()}>
              Undo
            </button>
          )}
        </p>
      )}
      {status && (
        <p className="rule-status" role="status" data-testid="rule-status">
          {status}
        </p>
      )}
    </Dialog>
  )
}

function previewText(p: RulePreview): string {
  if (p.changes === 0) {
    return p.matched === 0
      ? 'Matches no item yet: it will tag new items that match.'
      : `Matches ${plural(p.matched, 'item')}, which all have the tags already.`
  }
  const already = p.matched - p.changes
  return `Adds ${describeAdds(p.perTag)}${already > 0 ? ` (${already} of ${p.matched} matching have them already)` : ''}.`
}

function wholeArchiveQuestion(p: RulePreview): string {
  return `This rule matches every item in the archive (${plural(p.total, 'item')}): add ${p.tags.join(', ')} to all of them?`
}

function QueryProblem({ query, preview }: { query: string; preview: RulePreview }) {
  const error = preview.error!
  const start = Math.max(0, Math.min(error.start, query.length))
  const end = Math.max(start, Math.min(error.end, query.length))
  return (
    <div className="rule-query-error" role="alert">
      <span className="query-error-message">
        {error.message} (at {start + 1}–{Math.max(start + 1, end)})
      </span>{' '}
      <code className="query-error-context">
        {query.slice(0, start)}
        <mark>{query.slice(start, end) || ' '}</mark>
        {query.slice(end)}
      </code>
    </div>
  )
}
