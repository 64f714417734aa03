import type { Archive } from '../core/archiveApi'
import { addVariants, removeName } from '../core/search/nameVariants'

/**
 * `morgue alias add NAME VARIANT…`, `alias list [--json]`, `alias remove NAME`: the archive's
 * name-variant groups, saved in its settings and applied to the next search (no rebuild).
 * `need(ok, message)` reports a usage mistake.
 */
export async function aliasCommand(
  archive: Archive,
  args: string[],
  json: boolean,
  out: (s: string) => void,
  need: (ok: boolean, message: string) => void,
): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'add': {
      need(rest.length >= 2, 'give a name and at least one variant')
      await archive.setAliases(addVariants(archive.aliases(), rest[0], rest.slice(1)))
      const group = groupOf(archive.aliases(), rest[0])
      out(`${group.join(' = ')}`)
      return 0
    }
    case 'remove': {
      need(rest.length === 1, 'give one name (quote a name with spaces)')
      await archive.setAliases(removeName(archive.aliases(), rest[0]))
      out(`Removed “${rest[0]}”.`)
      return 0
    }
    case 'list': {
      need(rest.length === 0, 'list takes no arguments')
      const groups = archive.aliases()
      if (json) out(JSON.stringify(groups, null, 2))
      else {
        for (const g of groups) out(g.join(' = '))
        out(`${groups.length} group${groups.length === 1 ? '' : 's'}`)
      }
      return 0
    }
  }
  need(false, sub ? `unknown alias command “${sub}”` : 'give add, list or remove')
  return 2
}

function groupOf(groups: string[][], name: string): string[] {
  const key = name.trim().toLowerCase()
  return groups.find((g) => g.some((n) => n.toLowerCase() === key)) ?? [name]
}
