import type { Archive } from '../../core/archiveApi'
import { ArchiveError } from '../../core/archiveError'
import type { UnusedTag } from '../../core/model'
import { pointAtProblem, QueryProblemError } from '../../core/search/savedQuery'
import { parseTagColor, TAG_PALETTE } from '../../core/tagPalette'
import { inSubtree, tagKey } from '../../core/tags'
import { findTagNode } from '../../core/tagTree/tagTree'

type Out = (s: string) => void
/** Reports a usage mistake (exit code 2) when `ok` is false. */
type Need = (ok: boolean, message: string) => void

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** "3 items and 1 photo", "2 items", "1 photo", "no item". */
function holders(items: number, photos: number): string {
  const parts = [items && plural(items, 'item'), photos && plural(photos, 'photo')].filter(Boolean)
  return parts.length ? parts.join(' and ') : 'no item'
}

function colorName(hex: string): string {
  const named = TAG_PALETTE.find((c) => c.hex === hex.toLowerCase())
  return named ? `${named.name} (${named.hex})` : hex
}

/** `morgue tag-color TAG COLOR`: a hex colour, a palette name, or `none` to clear. */
export async function tagColorCommand(
  archive: Archive,
  args: string[],
  out: Out,
  need: Need,
): Promise<number> {
  need(args.length === 2, 'give a tag and a colour (#c0392b, a palette name, or none)')
  const [tag, input] = args
  const parsed = parseTagColor(input)
  if ('problem' in parsed) {
    need(false, parsed.problem)
    return 2
  }
  await archive.setTagColor(tag, parsed.color)
  const info = archive.tags().find((t) => tagKey(t.name) === tagKey(tag))
  const name = info?.name ?? tag
  const note = info ? '' : ' (no item carries it yet)'
  out(
    parsed.color
      ? `“${name}” is now ${colorName(parsed.color)}${note}.`
      : `“${name}” has no colour now${note}.`,
  )
  return 0
}

/**
 * `morgue delete-tag TAG [--dry-run] [--json]`: take a tag off every item and photo and forget
 * its colour; `--dry-run` only counts. `delete-tag --unused` forgets every unused tag.
 */
export async function deleteTagCommand(
  archive: Archive,
  args: string[],
  options: { dryRun: boolean; unused: boolean; json: boolean },
  out: Out,
  need: Need,
): Promise<number> {
  if (options.unused) {
    need(args.length === 0, '--unused deletes every unused tag: give no tag with it')
    const unused = archive.unusedTags()
    const gone = options.dryRun ? unused : await archive.deleteUnusedTags()
    if (options.json) out(JSON.stringify({ dryRun: options.dryRun, tags: gone }, null, 2))
    else
      out(
        `${options.dryRun ? 'Would delete' : 'Deleted'} ${plural(gone.length, 'unused tag')}${
          gone.length ? `: ${gone.map((t) => t.name).join(', ')}` : ''
        }.`,
      )
    return 0
  }
  need(args.length === 1, 'give one tag (quote a tag with spaces)')
  const key = tagKey(args[0])
  const node = findTagNode(archive.tagTree(), args[0])
  const unused = archive.unusedTags().find((t) => tagKey(t.name) === key)
  if (!node && !unused) throw new ArchiveError(`No tag named “${args[0]}”.`)
  const name = node?.path ?? unused!.name
  // The node goes with every tag below it (`Places` takes `Places/Syria`).
  const inTree = archive.tags().filter((t) => inSubtree(tagKey(t.name), key))
  let tags = inTree.map((t) => t.name)
  let items = node?.count ?? 0
  let photos = 0
  if (!options.dryRun) {
    const deleted = await archive.deleteTagTree(name)
    const refs = new Set(deleted.flatMap((d) => d.refs))
    photos = [...refs].filter((r) => r.includes('/')).length
    items = refs.size - photos
    tags = deleted.map((d) => d.tag)
  }
  const below = tags.filter((t) => tagKey(t) !== key).sort((a, b) => a.localeCompare(b))
  if (options.json) {
    out(JSON.stringify({ tag: name, below, dryRun: options.dryRun, items, photos }, null, 2))
  } else {
    const verb = options.dryRun ? 'Would delete' : 'Deleted'
    const under = below.length
      ? ` and ${plural(below.length, 'tag')} under it (${below.join(', ')})`
      : ''
    const from = options.dryRun ? plural(items, 'item') : holders(items, photos)
    out(`${verb} “${name}”${under} from ${from}.`)
  }
  return 0
}

/** `morgue tags --unused [--json]`: tags with a colour or once used that no item carries. */
export function unusedTagsCommand(archive: Archive, json: boolean, out: Out): number {
  const unused = archive.unusedTags()
  if (json) {
    out(JSON.stringify(unused, null, 2))
    return 0
  }
  for (const t of unused) out(`${t.name}  (${describeUnused(t)})`)
  out(
    unused.length
      ? `${plural(unused.length, 'unused tag')}; morgue delete-tag --unused deletes them all.`
      : 'No unused tags.',
  )
  return 0
}

function describeUnused(t: UnusedTag): string {
  return t.reasons
    .map((r) => (r === 'color' ? `colour ${colorName(t.color ?? '')}` : 'taken off its last item'))
    .join('; ')
}

/**
 * `morgue saved add NAME QUERY…`, `saved list [--json]`, `saved remove NAME`: the saved
 * searches of the app's sidebar. A query with a problem is refused with its position.
 */
export async function savedCommand(
  archive: Archive,
  args: string[],
  json: boolean,
  out: Out,
  need: Need,
): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'add': {
      need(rest.length >= 2, 'give a name and a query (quote a name with spaces)')
      const [name, ...words] = rest
      const query = words.join(' ')
      const replaced = archive.savedSearches().some((s) => s.name === name.trim())
      try {
        await archive.saveSearch({ name, query })
      } catch (e) {
        if (e instanceof QueryProblemError) {
          throw new ArchiveError(
            `${e.message}\n${pointAtProblem(e.query, e.problem)}\nNothing was saved.`,
          )
        }
        throw e
      }
      out(`${replaced ? 'Replaced' : 'Saved'} “${name.trim()}”: ${query}`)
      return 0
    }
    case 'list': {
      need(rest.length === 0, 'list takes no arguments')
      const saved = archive.savedSearches()
      if (json) out(JSON.stringify(saved, null, 2))
      else {
        const width = Math.max(0, ...saved.map((s) => s.name.length))
        for (const s of saved) out(`${s.name.padEnd(width)}  ${s.query}`)
        out(
          saved.length
            ? `${saved.length} saved search${saved.length === 1 ? '' : 'es'}`
            : 'No saved searches.',
        )
      }
      return 0
    }
    case 'remove': {
      need(rest.length === 1, 'give one name (quote a name with spaces)')
      const name = rest[0].trim()
      if (!archive.savedSearches().some((s) => s.name === name))
        throw new ArchiveError(`No saved search named “${rest[0]}”.`)
      await archive.deleteSavedSearch(name)
      out(`Removed “${name}”.`)
      return 0
    }
  }
  need(false, sub ? `unknown saved command “${sub}”` : 'give add, list or remove')
  return 2
}
