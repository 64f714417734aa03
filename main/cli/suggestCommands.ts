import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { Archive } from '../core/archiveApi'
import { ImportError } from '../core/importers/importer'
import type { ItemSuggestions } from '../core/suggest/suggestionTypes'

type Out = (s: string) => void
type Need = (ok: boolean, message: string) => void

/** `morgue suggest ID [--json] [--limit N]`: suggested tags, then new names. */
export async function suggestCommand(
  archive: Archive,
  args: string[],
  values: { json?: boolean; limit?: string },
  out: Out,
  need: Need,
): Promise<number> {
  need(args.length === 1, 'give one item id')
  const limit = values.limit === undefined ? undefined : Number(values.limit)
  need(limit === undefined || (Number.isInteger(limit) && limit > 0), '--limit takes a number')
  const result = await archive.suggest(args[0], { limit })
  out(values.json ? JSON.stringify(result, null, 2) : formatSuggestions(result))
  return 0
}

export function formatSuggestions(r: ItemSuggestions): string {
  const lines: string[] = []
  if (r.suggestions.length === 0) lines.push('No suggested tags (no term of the vocabulary found).')
  else {
    lines.push('Suggested tags:')
    for (const s of r.suggestions) {
      const where = `${s.count}× in ${s.fields.join(', ')}`
      const as = s.matched.toLowerCase() === s.tag.toLowerCase() ? '' : ` (“${s.matched}”)`
      lines.push(
        `  ${s.tag}${as}  ${where}, in ${s.documents} article${s.documents === 1 ? '' : 's'}`,
      )
    }
  }
  if (r.newNames.length > 0) {
    lines.push('New names:')
    for (const n of r.newNames) lines.push(`  ${n.name}  ${n.kind}, ${n.count}×  → ${n.path}`)
  }
  return lines.join('\n')
}

/**
 * `morgue vocabulary import FILE [--name NAME] [--lang en]`, `vocabulary list [--json]`,
 * `vocabulary remove ID|NAME`: the archive's keyword lists.
 */
export async function vocabularyCommand(
  archive: Archive,
  args: string[],
  values: { json?: boolean; name?: string; lang?: string },
  out: Out,
  need: Need,
): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'import': {
      need(rest.length === 1, 'give one keyword-list file')
      const path = resolve(rest[0])
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch (e) {
        throw new ImportError(`${rest[0]} cannot be read: ${(e as Error).message}`)
      }
      const list = await archive.importVocabulary(bytes, basename(path), {
        name: values.name ?? basename(path),
        lang: values.lang,
      })
      out(
        values.json
          ? JSON.stringify(list, null, 2)
          : `Imported “${list.name}”: ${list.terms} term${list.terms === 1 ? '' : 's'} (${list.format}).`,
      )
      return 0
    }
    case 'list': {
      need(rest.length === 0, 'list takes no arguments')
      const lists = archive.vocabularyLists()
      if (values.json) out(JSON.stringify(lists, null, 2))
      else if (lists.length === 0) out('No keyword lists: the archive’s tags are its vocabulary.')
      else for (const l of lists) out(`${l.id}  ${l.name}  ${l.terms} terms (${l.format})`)
      return 0
    }
    case 'remove': {
      need(rest.length === 1, 'give the id or name of one list')
      const list = await archive.removeVocabulary(rest[0])
      out(`Removed “${list.name}” (${list.terms} terms).`)
      return 0
    }
  }
  need(false, sub ? `unknown vocabulary command “${sub}”` : 'give import, list or remove')
  return 2
}
