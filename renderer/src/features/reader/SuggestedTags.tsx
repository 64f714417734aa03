import { useEffect, useRef, useState } from 'react'
import type { ItemSuggestions, VocabularyListInfo } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'

const KIND_LABEL = { person: 'person', place: 'place', organisation: 'organisation' } as const
const FILE_UNDER_KEY = 'morgue.suggest.fileUnder'

/** Bytes → base64 without a stack-deep spread (keyword lists can be megabytes). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/**
 * Suggested tags under the reader's tags: terms of the archive's vocabulary found in the item,
 * best first, each a chip that adds the tag with one click (or Enter) and a ✕ that rejects it
 * for this item (remembered). Beside them, names found in the text that the vocabulary does
 * not know yet, added as tags with one click (under People/, Places/ or Organisations/ when
 * "File names under a branch" is on). "Import keyword list…" adds a vocabulary.
 */
export function SuggestedTags({
  id,
  tags,
  onAccept,
  onFailure,
}: {
  id: string
  /** The item's tags: suggestions are fetched again when they change. */
  tags: string[]
  onAccept: (tag: string) => void
  onFailure: (message: string) => void
}) {
  const [result, setResult] = useState<ItemSuggestions | null>(null)
  const [reload, setReload] = useState(0)
  const [status, setStatus] = useState('')
  const [lists, setLists] = useState<VocabularyListInfo[]>([])
  const [fileUnder, setFileUnder] = useState(() => localStorage.getItem(FILE_UNDER_KEY) === '1')
  const fileInput = useRef<HTMLInputElement>(null)
  const tagKey = tags.join('\n')

  useEffect(() => {
    let live = true
    unwrap(archive.suggest(id)).then(
      (r) => {
        if (live) setResult(r)
      },
      (err: unknown) => {
        if (live) onFailure(err instanceof Error ? err.message : String(err))
      },
    )
    return () => {
      live = false
    }
  }, [id, tagKey, reload, onFailure])

  useEffect(() => {
    let live = true
    unwrap(archive.vocabularyLists()).then(
      (l) => {
        if (live) setLists(l)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [reload])

  const fail = (err: unknown) => onFailure(err instanceof Error ? err.message : String(err))

  const reject = (tag: string) => {
    setResult((r) => r && { ...r, suggestions: r.suggestions.filter((s) => s.tag !== tag) })
    unwrap(archive.rejectSuggestion(id, tag)).then(
      () => setStatus(`“${tag}” will not be suggested for this item again.`),
      fail,
    )
  }

  const importList = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      const list = await unwrap(archive.importVocabulary(file.name, toBase64(bytes)))
      setStatus(`Imported “${list.name}”: ${list.terms} terms.`)
      setReload((n) => n + 1)
    } catch (err) {
      setStatus('')
      fail(err)
    }
  }

  const removeList = (list: VocabularyListInfo) =>
    unwrap(archive.removeVocabulary(list.id)).then(() => {
      setStatus(`Removed “${list.name}”.`)
      setReload((n) => n + 1)
    }, fail)

  const suggestions = result?.id === id ? result.suggestions.slice(0, 8) : []
  const names = result?.id === id ? result.newNames : []

  return (
    <section className="suggestions" aria-label="Suggested tags" data-testid="suggestions">
      {suggestions.length > 0 && (
        <div className="suggestion-row">
          <span className="suggestion-label">Suggested</span>
          <ul className="suggestion-chips">
            {suggestions.map((s) => (
              <li key={s.tag} className="suggestion-chip" data-testid="suggestion">
                <button
                  type="button"
                  className="suggestion-accept"
                  onClick={() => onAccept(s.tag)}
                  title={`Found ${s.count}× (${s.fields.join(', ')}) as “${s.matched}”; in ${s.documents} article${s.documents === 1 ? '' : 's'}. Click to add.`}
                  aria-label={`Add suggested tag ${s.tag}`}
                >
                  + {s.tag}
                </button>
                <button
                  type="button"
                  className="suggestion-reject"
                  onClick={() => reject(s.tag)}
                  aria-label={`Reject suggestion ${s.tag}`}
                  title="Not for this item"
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {names.length > 0 && (
        <div className="suggestion-row">
          <span className="suggestion-label">New names</span>
          <ul className="suggestion-chips">
            {names.map((n) => {
              const tag = fileUnder ? n.path : n.name
              return (
                <li
                  key={`${n.kind}:${n.name}`}
                  className="suggestion-chip new-name"
                  data-testid="new-name"
                >
                  <button
                    type="button"
                    className="suggestion-accept"
                    onClick={() => onAccept(tag)}
                    aria-label={`Add ${KIND_LABEL[n.kind]} ${n.name} as tag ${tag}`}
                    title={`${KIND_LABEL[n.kind]}, named ${n.count}×: add as ${tag}`}
                  >
                    + {n.name} <span className="muted small">{KIND_LABEL[n.kind]}</span>
                  </button>
                </li>
              )
            })}
          </ul>
          <label className="small muted suggestion-file-under">
            <input
              type="checkbox"
              checked={fileUnder}
              onChange={(e) => {
                setFileUnder(e.target.checked)
                localStorage.setItem(FILE_UNDER_KEY, e.target.checked ? '1' : '0')
              }}
            />{' '}
            File under People/ Places/ Organisations/
          </label>
        </div>
      )}
      <div className="suggestion-row small">
        <button type="button" className="link-button" onClick={() => fileInput.current?.click()}>
          Import keyword list…
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          data-testid="vocabulary-file"
          accept=".txt,.json,.jsonld,.rdf,.xml,.skos,text/plain,application/json,application/rdf+xml"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importList(file)
          }}
        />
        {lists.length > 0 && (
          <span className="muted" data-testid="vocabulary-lists">
            Keyword lists:{' '}
            {lists.map((l) => (
              <span key={l.id} className="vocabulary-list">
                {l.name} ({l.terms})
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void removeList(l)}
                  aria-label={`Remove keyword list ${l.name}`}
                  title="Remove this keyword list"
                >
                  ✕
                </button>
              </span>
            ))}
          </span>
        )}
        <span role="status" className="muted" data-testid="suggestion-status">
          {status}
        </span>
      </div>
    </section>
  )
}
