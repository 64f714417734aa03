import { useMemo, useState } from 'react'
import type { TagInfo } from '../../../../main/core/model'
import type { TagNode } from '../../../../main/core/tagTree/tagTree'
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

function TagRow({
  node,
  depth,
  active,
  expanded,
  onToggle,
  actions,
}: {
  node: TagNode
  depth: number
  active: boolean
  /** `undefined` for a leaf. */
  expanded: boolean | undefined
  onToggle: () => void
  actions: TagActions
}) {
  const [menu, setMenu] = useState(false)
  const tag = { name: node.path, color: node.color }
  return (
    <div
      className={active ? 'tag-row active' : 'tag-row'}
      style={{ paddingInlineStart: depth * 14 }}
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
      {expanded === undefined ? (
        <span className="tag-twisty" aria-hidden />
      ) : (
        <button
          type="button"
          className="icon-button tag-twisty"
          tabIndex={-1}
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${node.path}`}
          onClick={onToggle}
        >
          {expanded ? '▾' : '▸'}
        </button>
      )}
      <button
        type="button"
        className="tag-filter"
        data-testid="sidebar-tag"
        data-path={node.path}
        aria-pressed={active}
        onClick={() => actions.onFilter(node.path)}
        onKeyDown={(e) => {
          // Right opens a node, Left closes it (as in a file tree).
          if (expanded === undefined) return
          if ((e.key === 'ArrowRight' && !expanded) || (e.key === 'ArrowLeft' && expanded)) {
            e.preventDefault()
            onToggle()
          }
        }}
        title={
          node.children.length
            ? `Show items tagged ${node.path} or a tag below it (${node.own.toLocaleString()} with ${node.path} itself)`
            : `Show items tagged ${node.path}`
        }
      >
        <span
          className="tag-dot"
          style={{ background: tag.color ?? 'var(--tag-default)' }}
          aria-hidden
        />
        <span className="tag-name" dir="auto">
          {node.name}
        </span>
        <span className="count">{node.count.toLocaleString()}</span>
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
            {node.children.length ? 'Delete with the tags below…' : 'Delete tag…'}
          </button>
        </div>
      )}
    </div>
  )
}

/**
 * The tree key of a tag as typed in `tag:` (the core's `tagKey` for the usual spellings: case
 * and spaces around `/` do not matter).
 */
function tagKeyOf(typed: string): string {
  return typed
    .normalize('NFC')
    .split('/')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join('/')
    .toLocaleLowerCase('und')
}

/** Keys of the nodes above `key` (`places/syria` for `places/syria/raqqa`). */
function ancestorKeys(key: string): string[] {
  const out: string[] = []
  for (let at = key.indexOf('/'); at !== -1; at = key.indexOf('/', at + 1))
    out.push(key.slice(0, at))
  return out
}

/** The nodes whose path contains `text`, with the nodes above them (all shown open). */
function filterTree(nodes: readonly TagNode[], text: string): TagNode[] {
  const out: TagNode[] = []
  for (const n of nodes) {
    const children = filterTree(n.children, text)
    if (children.length || n.path.toLowerCase().includes(text)) out.push({ ...n, children })
  }
  return out
}

function TagBranch({
  nodes,
  depth,
  activeKey,
  open,
  onToggle,
  actions,
}: {
  nodes: readonly TagNode[]
  depth: number
  activeKey: string | null
  /** Open nodes' keys; `null`: all open (while filtering). */
  open: ReadonlySet<string> | null
  onToggle: (key: string) => void
  actions: TagActions
}) {
  return (
    <ul
      className="tag-list"
      role={depth === 0 ? 'tree' : 'group'}
      aria-label={depth === 0 ? 'Tags' : undefined}
    >
      {nodes.map((n) => {
        const expanded = n.children.length ? open === null || open.has(n.key) : undefined
        return (
          <li
            key={n.key}
            className="tag-node"
            role="treeitem"
            aria-expanded={expanded}
            aria-selected={activeKey === n.key}
          >
            <TagRow
              node={n}
              depth={depth}
              active={activeKey === n.key}
              expanded={expanded}
              onToggle={() => onToggle(n.key)}
              actions={actions}
            />
            {expanded && (
              <TagBranch
                nodes={n.children}
                depth={depth + 1}
                activeKey={activeKey}
                open={open}
                onToggle={onToggle}
                actions={actions}
              />
            )}
          </li>
        )
      })}
    </ul>
  )
}

/**
 * The sidebar's tags as a tree of paths (`Places/Syria/Raqqa`): colour, name, a count that
 * rolls up (items with the tag or one below it); click filters by the node and its subtree;
 * ▸/▾ or Right/Left open and close a node; ⋯ renames or moves (with the subtree), merges,
 * recolours, deletes.
 */
export function TagSidebar({
  tags,
  tree,
  activeTag,
  actions,
}: {
  tags: TagInfo[]
  tree: TagNode[]
  activeTag: string | null
  actions: TagActions
}) {
  const [filter, setFilter] = useState('')
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const activeKey = activeTag ? tagKeyOf(activeTag) : null
  // The node being shown stays visible: the nodes above it are open.
  const shownOpen = useMemo(() => {
    if (!activeKey) return open
    const up = ancestorKeys(activeKey)
    if (up.every((k) => open.has(k))) return open
    return new Set([...open, ...up])
  }, [open, activeKey])
  const text = filter.trim().toLowerCase()
  const shown = useMemo(() => (text ? filterTree(tree, text) : tree), [tree, text])
  const toggle = (key: string) =>
    setOpen(() => {
      const next = new Set(shownOpen)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
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
      {tree.length === 0 ? (
        <p className="muted small">No tags yet. Select results and press T.</p>
      ) : (
        <TagBranch
          nodes={shown}
          depth={0}
          activeKey={activeKey}
          open={text ? null : shownOpen}
          onToggle={toggle}
          actions={actions}
        />
      )}
      <button type="button" className="link-button small" onClick={actions.onUnused}>
        Unused tags…
      </button>
    </section>
  )
}
