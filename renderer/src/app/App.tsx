import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { archive, unwrap } from '../api'
import { FacetPanel } from '../features/search/FacetPanel'
import { ResultsList, type ResultsListHandle } from '../features/search/ResultsList'
import { NameVariantsDialog } from '../features/search/NameVariantsDialog'
import { RulesDialog } from '../features/rules/RulesDialog'
import { SavedSearches } from '../features/search/SavedSearches'
import { FoldedNote } from '../features/search/FoldedNote'
import { SearchBox } from '../features/search/SearchBox'
import { SpellingNotice } from '../features/search/SpellingNotice'
import { useResults, type ResultRow, type SortMode } from '../features/search/useResults'
import { ImportProgressBar, ImportReportDialog, PasteDialog } from '../features/import/ImportViews'
import { useImport } from '../features/import/useImport'
import { DamageBanner, MaintenanceDialog } from '../features/maintenance/MaintenanceDialog'
import { Reader } from '../features/reader/Reader'
import { copyWithCredit } from '../features/photos/copyWithCredit'
import { CreditStyleDialog } from '../features/photos/CreditStyleDialog'
import { useCreditStyle } from '../features/photos/useCreditStyle'
import { TagEditor } from '../features/tags/TagEditor'
import { BulkTagDialog, type BulkTagDone, type BulkTarget } from '../features/tags/BulkTagDialog'
import { TagSidebar } from '../features/tags/TagSidebar'
import {
  DeleteTagDialog,
  deleteTagWithUndo,
  tagsBelow,
  UnusedTagsDialog,
} from '../features/tags/TagTidyDialogs'
import { CaptureDialog } from '../features/capture/CaptureDialog'
import { FeedsPanel } from '../features/feeds/FeedsPanel'
import { useFeeds } from '../features/feeds/useFeeds'
import { Dialog, PromptDialog } from '../ui/Dialog'
import { ToastStack, useToasts } from '../ui/Toasts'
import { filterTerm, formatBytes, plural } from '../ui/format'
import { EmptyState } from './EmptyState'
import { useArchiveData } from './useArchiveData'
import { SyncDialog } from '../features/sync/SyncDialog'
import { SyncIndicator } from '../features/sync/SyncIndicator'
import { useSyncStatus } from '../features/sync/useSyncStatus'

type DialogState =
  | { kind: 'paste' }
  | { kind: 'rename'; tag: string }
  | { kind: 'merge'; tag: string }
  | { kind: 'deleteTag'; tag: string }
  | { kind: 'unusedTags' }
  | { kind: 'tagItems'; ids: string[] }
  | { kind: 'bulkTag'; target: BulkTarget }
  | { kind: 'saveSearch' }
  | { kind: 'nameVariants' }
  | { kind: 'rules' }
  | { kind: 'creditStyle' }
  | { kind: 'maintenance' }
  | { kind: 'capture' }
  | { kind: 'sync' }
  | null

const TAG_FILTER = /(?:^|\s)tag:(?:"([^"]+)"|(\S+))/

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** Add a filter term to the query, or take it out when it is already there (facet toggle). */
function toggleTerm(query: string, term: string): string {
  const parts = query.trim() ? query.trim().split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/) : []
  const has = parts.some((p) => p.toLowerCase() === term.toLowerCase())
  return (
    has ? parts.filter((p) => p.toLowerCase() !== term.toLowerCase()) : [...parts, term]
  ).join(' ')
}

/** The main window: sidebar (tags, facets, saved searches), results, reader. */
export function App() {
  const { toasts, show, dismiss } = useToasts()
  const fail = useCallback((message: string) => show({ message, tone: 'error' }), [show])
  const data = useArchiveData(fail)
  const imports = useImport(fail)
  const feeds = useFeeds(data.version, fail)

  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<SortMode>('relevance')
  const creditStyle = useCreditStyle(data.version, fail)
  const photoTagged = useMemo(() => {
    const names = new Set(data.tags.filter((t) => t.photos).map((t) => t.name.toLowerCase()))
    return (tag: string) => names.has(tag.toLowerCase())
  }, [data.tags])
  const results = useResults(query, sort, data.version, photoTagged)
  const copyRef = useCallback(
    (ref: string) =>
      void copyWithCredit(ref, creditStyle.style).then(
        (text) => show({ message: `Copied with credit: ${text}` }),
        (e: Error) => fail(e.message),
      ),
    [creditStyle.style, show, fail],
  )
  // Cursor and selection belong to one list (query + sort): a new query starts afresh.
  const listKey = `${query}\u0000${sort}`
  const [cursorState, setCursorState] = useState({ list: listKey, index: -1 })
  const [selectedState, setSelectedState] = useState({ list: listKey, keys: new Set<string>() })
  const cursor = cursorState.list === listKey ? cursorState.index : -1
  const selected = useMemo(
    () => (selectedState.list === listKey ? selectedState.keys : new Set<string>()),
    [selectedState, listKey],
  )
  const setCursor = useCallback(
    (index: number) => setCursorState({ list: listKey, index }),
    [listKey],
  )
  const setSelected = useCallback(
    (keys: Set<string>) => setSelectedState({ list: listKey, keys }),
    [listKey],
  )
  const [open, setOpen] = useState<{ key: string; id: string; photoId?: string } | null>(null)
  const [dialog, setDialog] = useState<DialogState>(null)
  const syncStatus = useSyncStatus()
  const [dragging, setDragging] = useState(false)
  const searchRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<ResultsListHandle>(null)

  const rowsByKey = useMemo(() => new Map(results.rows.map((r) => [r.key, r])), [results.rows])
  const activeFeed = /^feed:([0-9a-f]{8})$/.exec(query.trim())?.[1] ?? null
  const activeTag = useMemo(() => {
    const m = TAG_FILTER.exec(query)
    return m ? (m[1] ?? m[2] ?? null) : null
  }, [query])

  /** The items an action applies to: the selection, or the row under the cursor. */
  const targetIds = useCallback((): string[] => {
    const rows: ResultRow[] = selected.size
      ? [...selected].map((k) => rowsByKey.get(k)).filter((r): r is ResultRow => !!r)
      : results.rows[cursor]
        ? [results.rows[cursor]]
        : []
    return [...new Set(rows.map((r) => r.id))]
  }, [selected, rowsByKey, results.rows, cursor])
  /** What tagging applies to: items, and photos inside articles by their own ref. */
  const targetRefs = useCallback(
    (): string[] => [
      ...new Set(
        (selected.size
          ? [...selected].map((k) => rowsByKey.get(k))
          : [results.rows[cursor]]
        ).flatMap((r) => (r ? [r.ref] : [])),
      ),
    ],
    [selected, rowsByKey, results.rows, cursor],
  )

  const openRow = useCallback(
    (index: number) => {
      const row = results.rows[index]
      if (!row) return
      setOpen({ key: row.key, id: row.id, photoId: row.photoId })
      // Opening an item reads it in the feed it came from.
      if (feeds.feeds.some((f) => f.unread > 0)) {
        void unwrap(archive.markRead([row.id])).catch((e: Error) => fail(e.message))
      }
    },
    [results.rows, feeds.feeds, fail],
  )

  const deleteItems = useCallback(async () => {
    const ids = targetIds()
    if (ids.length === 0) return
    try {
      const { undoToken, count } = await unwrap(archive.deleteItems(ids))
      setSelected(new Set())
      if (open && ids.includes(open.id)) setOpen(null)
      show({
        message: `Deleted ${plural(count, 'item')}.`,
        action: {
          label: 'Undo',
          run: () =>
            void unwrap(archive.restoreItems(undoToken)).catch((e: Error) => fail(e.message)),
        },
      })
    } catch (err) {
      fail((err as Error).message)
    }
  }, [targetIds, open, show, fail, setSelected])

  /** The toast after a bulk change: what it did, and one Undo for all of it. */
  const bulkTagDone = useCallback(
    ({ reply, add, remove }: BulkTagDone) => {
      const changes = [...add.map((t) => `+${t}`), ...remove.map((t) => `−${t}`)].join(' ')
      const stopped = reply.cancelled ? ' (stopped before the end)' : ''
      show({
        message: `Tagged ${plural(reply.items, 'item')}${stopped}: ${changes}`,
        action: {
          label: 'Undo',
          run: () =>
            void unwrap(archive.undoBulkTag(reply.undoToken)).then(
              (n) => show({ message: `Undone on ${plural(n, 'item')}.` }),
              (e: Error) => fail(e.message),
            ),
        },
      })
    },
    [show, fail],
  )

  const focusSearch = useCallback(() => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }, [])

  // Keyboard: `/` and Ctrl/Cmd+K reach the search box from anywhere.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
        e.preventDefault()
        focusSearch()
      } else if (e.key === '/' && !isTyping(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault()
        focusSearch()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [focusSearch])

  useEffect(
    () =>
      archive.onMenuCommand((command) => {
        if (command === 'import-files') void imports.importFiles()
        else if (command === 'paste') setDialog({ kind: 'paste' })
        else focusSearch()
      }),
    [imports, focusSearch],
  )

  const tagActions = useMemo(
    () => ({
      onFilter: (tag: string) =>
        setQuery((q) =>
          activeTag?.toLowerCase() === tag.toLowerCase() && q === filterTerm('tag', tag)
            ? ''
            : filterTerm('tag', tag),
        ),
      onRename: (tag: string) => setDialog({ kind: 'rename', tag }),
      onMerge: (tag: string) => setDialog({ kind: 'merge', tag }),
      onColor: (tag: string, color: string | null) =>
        void unwrap(archive.setTagColor(tag, color)).catch((e: Error) => fail(e.message)),
      // Asks first, saying how many items lose the tag; the toast after it offers Undo.
      onDelete: (tag: string) => setDialog({ kind: 'deleteTag', tag }),
      onUnused: () => setDialog({ kind: 'unusedTags' }),
    }),
    [activeTag, fail],
  )

  function onDrop(e: DragEvent) {
    e.preventDefault()
    setDragging(false)
    const files = [...e.dataTransfer.files]
    if (files.length > 0) void imports.importDropped(files)
  }

  const isEmptyArchive =
    data.stats !== null && data.stats.articles + data.stats.standalonePhotos === 0 && !query.trim()
  const knownTags = useMemo(() => data.tags.map((t) => t.name), [data.tags])
  const tagItemsRows =
    dialog?.kind === 'tagItems' ? results.rows.filter((r) => dialog.ids.includes(r.ref)) : []
  const tagItemsUnion = [...new Set(tagItemsRows.flatMap((r) => r.tags))]

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <header className="topbar">
        <div className="brand" aria-label="Morgue">
          <span className="brand-mark" aria-hidden>
            M
          </span>
          Morgue
        </div>
        <SearchBox
          ref={searchRef}
          query={query}
          onQuery={setQuery}
          sort={sort}
          onSort={setSort}
          error={results.error}
          onSave={() => setDialog({ kind: 'saveSearch' })}
          onEnter={() => {
            listRef.current?.focus()
            if (cursor < 0 && results.rows.length > 0) setCursor(0)
          }}
        />
        <div className="topbar-actions">
          {archive.transport === 'ipc' && (
            <button
              type="button"
              onClick={() => void imports.importFiles()}
              disabled={imports.busy}
            >
              Import…
            </button>
          )}
          <button
            type="button"
            onClick={() => setDialog({ kind: 'paste' })}
            disabled={imports.busy}
          >
            Paste…
          </button>
          <button type="button" onClick={() => setDialog({ kind: 'nameVariants' })}>
            Name variants…
          </button>
          <button type="button" onClick={() => setDialog({ kind: 'rules' })}>
            Rules…
          </button>
          <button type="button" onClick={() => setDialog({ kind: 'creditStyle' })}>
            Credit style…
          </button>
          <button type="button" onClick={() => setDialog({ kind: 'maintenance' })}>
            Check &amp; back up…
          </button>
          <button
            type="button"
            title="Save pages from your browser"
            onClick={() => setDialog({ kind: 'capture' })}
          >
            Browser…
          </button>
          <SyncIndicator status={syncStatus} onOpen={() => setDialog({ kind: 'sync' })} />
        </div>
      </header>
      <DamageBanner version={data.version} onOpen={() => setDialog({ kind: 'maintenance' })} />

      <aside className="sidebar">
        <TagSidebar tags={data.tags} tree={data.tree} activeTag={activeTag} actions={tagActions} />
        <FeedsPanel
          feeds={feeds.feeds}
          refreshMinutes={feeds.refreshMinutes}
          busy={feeds.busy}
          active={activeFeed}
          onShow={(feed) => setQuery(feed ? `feed:${feed.id}` : '')}
          run={feeds.run}
          onDone={(message) => show({ message })}
        />
        <FacetPanel
          facets={results.facets}
          isActive={(field, value) =>
            query.toLowerCase().includes(filterTerm(field, value).toLowerCase())
          }
          onPick={(field, value) => setQuery((q) => toggleTerm(q, filterTerm(field, value)))}
        />
        <SavedSearches
          saved={data.saved}
          current={query}
          onRun={setQuery}
          onDelete={(name) =>
            void unwrap(archive.deleteSavedSearch(name)).catch((e: Error) => fail(e.message))
          }
        />
      </aside>

      <main className="results-pane">
        {isEmptyArchive ? (
          <EmptyState
            canPickFiles={archive.transport === 'ipc'}
            onImport={() => void imports.importFiles()}
            onPaste={() => setDialog({ kind: 'paste' })}
          />
        ) : (
          <>
            <div className="results-head">
              <span data-testid="result-count">
                {results.failure
                  ? results.failure
                  : results.searched
                    ? `${plural(results.total, 'result')}`
                    : `${plural(results.total, 'item')} in the archive`}
              </span>
              <FoldedNote hidden={results.hidden} />
              {results.searched && results.total > 1 && !results.error && selected.size === 0 && (
                <button
                  type="button"
                  className="link-button small"
                  data-testid="tag-all-results"
                  onClick={() =>
                    setDialog({ kind: 'bulkTag', target: { query, count: results.total } })
                  }
                >
                  Tag all {results.total.toLocaleString()}…
                </button>
              )}
              {results.loading && <span className="spinner" aria-label="Searching" />}
              {selected.size > 0 && (
                <span className="bulk-bar" data-testid="bulk-bar">
                  <strong>{selected.size} selected</strong>
                  <button
                    type="button"
                    onClick={() => setDialog({ kind: 'tagItems', ids: targetRefs() })}
                  >
                    Tag… <kbd>t</kbd>
                  </button>
                  <button type="button" className="danger" onClick={() => void deleteItems()}>
                    Delete <kbd>Del</kbd>
                  </button>
                  <button type="button" onClick={() => setSelected(new Set())}>
                    Clear
                  </button>
                </span>
              )}
            </div>
            <SpellingNotice
              correction={results.correction}
              didYouMean={results.didYouMean}
              onQuery={setQuery}
            />
            {results.rows.length === 0 && !results.loading ? (
              <div className="no-results">
                {results.searched
                  ? results.error
                    ? 'Nothing is listed: see the problem with the query above.'
                    : 'Nothing matches this search.'
                  : 'Nothing here yet.'}
              </div>
            ) : (
              <ResultsList
                ref={listRef}
                rows={results.rows}
                total={results.total}
                cursor={cursor}
                selected={selected}
                openKey={open?.key ?? null}
                onCursor={setCursor}
                onOpen={openRow}
                onSelect={setSelected}
                onNeedMore={results.loadMore}
                onTag={() => {
                  const ids = targetRefs()
                  if (ids.length) setDialog({ kind: 'tagItems', ids })
                }}
                onCopy={copyRef}
                onOpenArticle={(id) => setOpen({ key: id, id })}
                onDelete={() => void deleteItems()}
                tagColor={data.tagColor}
                onTagClick={tagActions.onFilter}
                expanded={results.expanded}
                onToggleCluster={results.toggleCluster}
              />
            )}
          </>
        )}
      </main>

      <section className="reader-pane" aria-label="Reader">
        <Reader
          id={open?.id ?? null}
          photoId={open?.photoId}
          version={data.version}
          knownTags={knownTags}
          tagColor={data.tagColor}
          onFailure={fail}
          onOpenItem={(id) => setOpen({ key: id, id })}
          onOpen={(id, photoId) => setOpen({ key: photoId ? `${id}:${photoId}` : id, id, photoId })}
          onCopy={copyRef}
        />
      </section>

      <footer className="statusbar">
        {data.stats ? (
          <span data-testid="stats">
            {plural(data.stats.articles, 'article')} · {plural(data.stats.photos, 'photo')} ·{' '}
            {plural(data.stats.tags, 'tag')} · {formatBytes(data.stats.bytesOnDisk)}
          </span>
        ) : (
          <span>Opening the archive…</span>
        )}
        <span className="muted">
          <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open ·{' '}
          <kbd>t</kbd> tag · <kbd>c</kbd> copy with credit · <kbd>Del</kbd> delete
        </span>
      </footer>

      {imports.busy && <ImportProgressBar progress={imports.progress} onCancel={imports.cancel} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden>
          Drop files {archive.transport === 'ipc' ? 'or folders ' : ''}to import them
        </div>
      )}

      {imports.report && (
        <ImportReportDialog report={imports.report} onClose={imports.closeReport} />
      )}
      {dialog?.kind === 'maintenance' && <MaintenanceDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'sync' && (
        <SyncDialog status={syncStatus} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'paste' && (
        <PasteDialog
          onClose={() => setDialog(null)}
          onText={(text) => {
            setDialog(null)
            void imports.importText(text)
          }}
          onUrl={(url) => {
            setDialog(null)
            void imports.importUrl(url)
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <PromptDialog
          title={`Rename tag “${dialog.tag}”`}
          label="New name"
          initial={dialog.tag}
          submitLabel="Rename"
          onClose={() => setDialog(null)}
          onSubmit={(to) => {
            const from = dialog.tag
            setDialog(null)
            unwrap(archive.renameTag(from, to)).then(
              () => {
                if (activeTag?.toLowerCase() === from.toLowerCase()) setQuery(filterTerm('tag', to))
              },
              (e: Error) => fail(e.message),
            )
          }}
        />
      )}
      {dialog?.kind === 'merge' && (
        <PromptDialog
          title={`Merge tag “${dialog.tag}” into…`}
          label="Target tag (created if new)"
          submitLabel="Merge"
          suggestions={knownTags.filter((t) => t !== dialog.tag)}
          onClose={() => setDialog(null)}
          onSubmit={(target) => {
            const source = dialog.tag
            setDialog(null)
            void unwrap(archive.mergeTags([source], target)).catch((e: Error) => fail(e.message))
          }}
        />
      )}
      {dialog?.kind === 'deleteTag' && (
        <DeleteTagDialog
          tag={data.tags.find((t) => t.name === dialog.tag) ?? { name: dialog.tag, count: 0 }}
          below={tagsBelow(data.tags, dialog.tag)}
          onClose={() => setDialog(null)}
          onConfirm={() => {
            const tag = dialog.tag
            setDialog(null)
            const gone = activeTag?.toLowerCase()
            const key = tag.toLowerCase()
            if (gone && (gone === key || gone.startsWith(`${key}/`))) setQuery('')
            deleteTagWithUndo(tag, { show, fail }).catch((e: Error) => fail(e.message))
          }}
        />
      )}
      {dialog?.kind === 'unusedTags' && (
        <UnusedTagsDialog
          version={data.version}
          onClose={() => setDialog(null)}
          onFailure={fail}
          onDeleted={(n) => show({ message: `Deleted ${plural(n, 'unused tag')}.` })}
        />
      )}
      {dialog?.kind === 'capture' && (
        <CaptureDialog onClose={() => setDialog(null)} onFailure={fail} />
      )}
      {dialog?.kind === 'saveSearch' && (
        <PromptDialog
          title="Save search"
          label={`Name for “${query}”`}
          submitLabel="Save"
          onClose={() => setDialog(null)}
          onSubmit={(name) => {
            setDialog(null)
            void unwrap(archive.saveSearch({ name, query })).catch((e: Error) => fail(e.message))
          }}
        />
      )}
      {dialog?.kind === 'creditStyle' && (
        <CreditStyleDialog
          current={creditStyle.style}
          onClose={() => setDialog(null)}
          onSave={(setting) => {
            setDialog(null)
            void creditStyle.save(setting)
          }}
        />
      )}
      {dialog?.kind === 'tagItems' && (
        <Dialog
          title={`Tag ${plural(dialog.ids.length, 'item')}`}
          onClose={() => setDialog(null)}
          label="Tag items"
        >
          <p className="muted small">
            Added to every selected item; ✕ removes a tag from all of them.
          </p>
          <TagEditor
            tags={tagItemsUnion}
            known={knownTags}
            tagColor={data.tagColor}
            autoFocus
            onAdd={(t) =>
              void unwrap(archive.addTags(dialog.ids, [t])).catch((e: Error) => fail(e.message))
            }
            onRemove={(t) =>
              void unwrap(archive.removeTags(dialog.ids, [t])).catch((e: Error) => fail(e.message))
            }
          />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setDialog(null)}>
              Done
            </button>
          </div>
        </Dialog>
      )}

      {dialog?.kind === 'bulkTag' && (
        <BulkTagDialog
          target={dialog.target}
          known={knownTags}
          tagColor={data.tagColor}
          onClose={() => setDialog(null)}
          onDone={(done) => {
            setDialog(null)
            bulkTagDone(done)
          }}
        />
      )}

      {dialog?.kind === 'nameVariants' && (
        <NameVariantsDialog onClose={() => setDialog(null)} onFailure={fail} />
      )}
      {dialog?.kind === 'rules' && (
        <RulesDialog knownTags={knownTags} onClose={() => setDialog(null)} onFailure={fail} />
      )}

      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </div>
  )
}
