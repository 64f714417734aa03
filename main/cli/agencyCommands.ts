import type { AgencyChange } from '../core/agencyTable'
import type { Archive } from '../core/archiveApi'

/** `morgue agencies [--json]`: the credit parser's agency table, built in and the user's own. */
export function listAgencies(archive: Archive, json: boolean, out: (s: string) => void): number {
  const table = archive.listAgencies()
  if (json) {
    out(JSON.stringify(table, null, 2))
    return 0
  }
  const lines = table.map((a) => {
    const others = a.aliases.filter((x) => x !== a.name)
    return `${a.builtIn ? ' ' : '+'} ${a.name}${others.length ? `  (${others.join(', ')})` : ''}`
  })
  out([...lines, `${table.length} agencies; + marks the ones added to this archive.`].join('\n'))
  return 0
}

/**
 * `morgue agency add NAME [--alias A]…` and `morgue agency remove NAME`. Returns null when the
 * arguments are not one of these (the caller prints the usage).
 */
export async function changeAgency(
  archive: Archive,
  args: string[],
  aliases: string[],
  json: boolean,
  out: (s: string) => void,
): Promise<number | null> {
  const [action, ...rest] = args
  const name = rest.join(' ').trim()
  if (!name || (action !== 'add' && action !== 'remove')) return null
  if (action === 'remove' && aliases.length > 0) return null
  const change =
    action === 'add' ? await archive.addAgency({ name, aliases }) : await archive.removeAgency(name)
  out(json ? JSON.stringify(change, null, 2) : describe(action, name, change))
  return 0
}

function describe(action: 'add' | 'remove', name: string, change: AgencyChange): string {
  const photos = `${change.reparsed} item${change.reparsed === 1 ? '' : 's'} with credits read again`
  return action === 'add'
    ? `“${name}” is read as an agency; ${photos}.`
    : `“${name}” is no longer in the agency table; ${photos}.`
}
