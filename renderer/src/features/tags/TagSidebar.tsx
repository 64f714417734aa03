import { useState } from 'react'
import type { TagInfo } from '../../../../main/core/model'
import { TAG_SWATCHES } from './tagPalette'

export interface TagActions {
  onFilter: (tag: string) => void
  onRename: (tag: string) => void
  onMerge: (tag: string) => void
  onDelete: (tag: string) => void
  /** `null` takes the colour away. */
  onColor: (tag: string, color: string | null) => void
  /** Show the tags no item carries (with their colours), to delete them. */
  onUnused: () => void
}

function TagRow({ tag, active, actions }: { tag: TagInfo; active: boolean; actions: TagActions }) {
  const [menu, setMenu] = useState(false)
  return (
    <li
      className={active ? 'tag-row active' : 'tag-row'}
      // The menu closes when focus leaves the row (click elsewhere, Tab away) or on Escape.
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setMenu(false)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && menu) {
          e.stopPropagation()
          setMenu(false)
        }
      }}
    >
      <button
        type="button"
        className="tag-filter"
        data-testid="sidebar-tag"
        aria-pressed={active}
        onClick={() => actions.onFilter(tag.name)}
        title={`Show items tagged ${tag.name}`}
      >
        <span
          className="tag-dot"
          style={{ background: tag.color ?? 'var(--tag-default)' }}
          aria-hidden
        />
        <span className="tag-name" dir="auto">
          {tag.name}
        </span>
        <span className="count">{tag.count.toLocaleString()}</span>
      </button>
      <button
        type="button"
        className="icon-button tag-more"
        aria-label={`Actions for tag ${tag.name}`}
        aria-expanded={menu}
        onClick={() => setMenu((m) => !m)}
      >
        ⋯
      </button>
      {menu && (
        <div className="popover tag-menu" role="menu" onMouseLeave={() => setMenu(false)}>
          <button
            type="button"
            role="menuitem"
            onClick={() => (setMenu(false), actions.onRename(tag.name))}
          >
            Rename…
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => (setMenu(false), actions.onMerge(tag.name))}
          >
            Merge into…
          </button>
          <div className="swatches" role="group" aria-label="Colour">
            {TAG_SWATCHES.map((c) => (
              <button
                key={c.hex}
                type="button"
                className="swatch"
                aria-label={`Colour ${c.name}`}
                aria-pressed={tag.color?.toLowerCase() === c.hex}
                title={c.name}
                style={{ background: c.hex }}
                onClick={() => (setMenu(false), actions.onColor(tag.name, c.hex))}
              />
            ))}
            {tag.color && (
              <button
                type="button"
                className="swatch swatch-none"
                aria-label="No colour"
                title="No colour"
                onClick={() => (setMenu(false), actions.onColor(tag.name, null))}
              />
            )}
          </div>
          <button
            type="button"
            role="menuitem"
            className="danger"
            onClick={() => (setMenu(false), actions.onDelete(tag.name))}
          >
            Delete tag
          </button>
        </div>
      )}
    </li>
  )
}

/** The sidebar's tag list: colour, name, count; click filters; ⋯ renames, merges, recolours, deletes. */
export function TagSidebar({
  tags,
  activeTag,
  actions,
}: {
  tags: TagInfo[]
  activeTag: string | null
  actions: TagActions
}) {
  const [filter, setFilter] = useState('')
  const shown = filter
    ? tags.filter((t) => t.name.toLowerCase().includes(filter.toLowerCase()))
    : tags
  return (
    <section className="side-section" aria-label="Tags">
      <h3>Tags</h3>
      {tags.length > 8 && (
        <input
          className="side-filter"
          placeholder="Filter tags"
          aria-label="Filter tags"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {tags.length === 0 ? (
        <p className="muted small">No tags yet. Select results and press T.</p>
      ) : (
        <ul className="tag-list">
          {shown.map((t) => (
            <TagRow
              key={t.name}
              tag={t}
              active={activeTag?.toLowerCase() === t.name.toLowerCase()}
              actions={actions}
            />
          ))}
        </ul>
      )}
      <button type="button" className="link-button small" onClick={actions.onUnused}>
        Unused tags…
      </button>
    </section>
  )
}
