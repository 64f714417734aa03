import { useEffect, useRef, useState } from 'react'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'

/** Names typed in one field: `Gaddafi, Qadhafi; Kadhafi` → three names. */
function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '')
}

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')

/**
 * The "Name variants" editor: groups of spellings a search treats as one name. Every change
 * is saved to the archive at once and applies to the next search (no re-indexing).
 */
export function NameVariantsDialog({
  onClose,
  onFailure,
}: {
  onClose: () => void
  onFailure: (message: string) => void
}) {
  const [groups, setGroups] = useState<string[][] | null>(null)
  const [filter, setFilter] = useState('')
  const [picked, setPicked] = useState<Set<number>>(new Set())
  const [newGroup, setNewGroup] = useState('')
  const [status, setStatus] = useState('')
  const fileRef = useRef<HTMLInputElement>(null)
  const [importMode, setImportMode] = useState<'merge' | 'replace'>('merge')

  useEffect(() => {
    unwrap(archive.nameVariants()).then(setGroups, (e: Error) => onFailure(e.message))
  }, [onFailure])

  async function save(next: string[][], message: string) {
    try {
      const saved = await unwrap(archive.setNameVariants(next))
      setGroups(saved)
      setPicked(new Set())
      setStatus(message)
    } catch (e) {
      onFailure((e as Error).message)
    }
  }

  async function importFile(file: File) {
    try {
      const saved = await unwrap(archive.importNameVariantsCsv(await file.text(), importMode))
      setGroups(saved)
      setPicked(new Set())
      setStatus(`Imported ${file.name}: ${saved.length} groups.`)
    } catch (e) {
      onFailure((e as Error).message)
    }
  }

  async function exportCsv() {
    try {
      const csv = await unwrap(archive.exportNameVariantsCsv())
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }))
      const a = document.createElement('a')
      a.href = url
      a.download = 'name-variants.csv'
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
      setStatus('Exported name-variants.csv.')
    } catch (e) {
      onFailure((e as Error).message)
    }
  }

  const list = groups ?? []
  const want = fold(filter.trim())
  const shown = list
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => !want || g.some((n) => fold(n).includes(want)))

  return (
    <Dialog title="Name variants" onClose={onClose} wide label="Name variants">
      <p className="muted small">
        Each group lists spellings of one name; searching for any of them finds them all, in every
        item already archived. Changes are saved at once.
      </p>
      <form
        className="nv-new"
        onSubmit={(e) => {
          e.preventDefault()
          const names = splitNames(newGroup)
          if (names.length < 2) {
            onFailure('A group needs at least two names, separated by commas.')
            return
          }
          setNewGroup('')
          void save([...list, names], `Added ${names.join(' = ')}.`)
        }}
      >
        <input
          aria-label="New group"
          placeholder="New group: Gaddafi, Qadhafi, Kadhafi"
          value={newGroup}
          onChange={(e) => setNewGroup(e.target.value)}
        />
        <button type="submit">Add group</button>
      </form>
      <div className="nv-tools">
        <input
          type="search"
          aria-label="Find a name"
          placeholder="Find a name…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button
          type="button"
          disabled={picked.size < 2}
          onClick={() => {
            const idx = [...picked].sort((a, b) => a - b)
            const merged = idx.flatMap((i) => list[i])
            const next = list.flatMap((g, i) =>
              i === idx[0] ? [merged] : picked.has(i) ? [] : [g],
            )
            void save(next, `Merged ${idx.length} groups.`)
          }}
        >
          Merge selected
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <select
          aria-label="Import mode"
          value={importMode}
          onChange={(e) => setImportMode(e.target.value as 'merge' | 'replace')}
        >
          <option value="merge">Import adds to the list</option>
          <option value="replace">Import replaces the list</option>
        </select>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Import CSV…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,text/csv,text/plain"
          hidden
          data-testid="name-variants-file"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importFile(file)
          }}
        />
      </div>
      <p className="muted small" role="status">
        {groups === null ? 'Loading…' : status || `${list.length} groups.`}
      </p>
      <ul className="nv-groups" aria-label="Name variant groups">
        {shown.map(({ g, i }) => (
          <li key={`${i}:${g.join('|')}`} className="nv-group" data-testid="name-variant-group">
            <input
              type="checkbox"
              aria-label={`Select ${g[0]} for merging`}
              checked={picked.has(i)}
              onChange={(e) => {
                const next = new Set(picked)
                if (e.target.checked) next.add(i)
                else next.delete(i)
                setPicked(next)
              }}
            />
            <span className="nv-names">
              {g.map((name) => (
                <span key={name} className="nv-name">
                  <span dir="auto">{name}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${name}`}
                    onClick={() =>
                      void save(
                        list.map((x, j) => (j === i ? x.filter((n) => n !== name) : x)),
                        `Removed ${name}.`,
                      )
                    }
                  >
                    ✕
                  </button>
                </span>
              ))}
            </span>
            <AddName
              group={g}
              onAdd={(names) =>
                void save(
                  list.map((x, j) => (j === i ? [...x, ...names] : x)),
                  `Added ${names.join(', ')} to ${g[0]}.`,
                )
              }
            />
            <button
              type="button"
              className="danger"
              aria-label={`Delete group ${g[0]}`}
              onClick={() =>
                void save(
                  list.filter((_, j) => j !== i),
                  `Deleted the group of ${g[0]}.`,
                )
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  )
}

function AddName({ group, onAdd }: { group: string[]; onAdd: (names: string[]) => void }) {
  const [text, setText] = useState('')
  return (
    <form
      className="nv-add"
      onSubmit={(e) => {
        e.preventDefault()
        const names = splitNames(text)
        if (names.length === 0) return
        setText('')
        onAdd(names)
      }}
    >
      <input
        aria-label={`Add a variant of ${group[0]}`}
        placeholder="Add variant"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  )
}
