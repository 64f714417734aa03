import { ArchiveError } from '../core/archiveError'
import type { Archive } from '../core/archiveApi'
import { describeQueryError } from '../core/rules/ruleQuery'
import type { RulePreview, RuleRunResult, TagRule } from '../core/rules/types'

export interface RuleFlags {
  tags: string[]
  json: boolean
  dryRun: boolean
  yes: boolean
  disabled: boolean
}

/** `morgue rules [--json]`: every rule in order, with its position, id and state. */
export function listRules(archive: Archive, json: boolean, out: (s: string) => void): number {
  const rules = archive.rules()
  if (json) {
    out(JSON.stringify(rules, null, 2))
    return 0
  }
  if (rules.length === 0) {
    out('No rules yet: morgue rule add QUERY --tag TAG adds one.')
    return 0
  }
  out(rules.map(formatRule).join('\n'))
  return 0
}

export function formatRule(rule: TagRule): string {
  const state = rule.enabled ? 'on ' : 'off'
  return `${String(rule.order + 1).padStart(2)}  ${rule.id}  ${state}  ${rule.query || '*'} → ${rule.tags.join(', ')}`
}

const items = (n: number) => `${n.toLocaleString('en')} item${n === 1 ? '' : 's'}`

/** "adds Places/Syria/Raqqa to 214 items" (each tag with its own count when they differ). */
export function describeAdds(perTag: readonly { tag: string; items: number }[]): string {
  const counts = new Set(perTag.map((t) => t.items))
  if (counts.size <= 1) {
    return `${perTag.map((t) => t.tag).join(', ')} to ${items(perTag[0]?.items ?? 0)}`
  }
  return perTag.map((t) => `${t.tag} to ${items(t.items)}`).join(', ')
}

function describePreview(p: RulePreview): string {
  const already = p.matched - p.changes
  const rest = already > 0 ? ` (${items(p.matched)} match; ${already} need nothing)` : ''
  return `would add ${describeAdds(p.perTag)}${rest}`
}

function describeRun(run: RuleRunResult): string {
  return run.changed === 0 ? 'no item needed a tag' : `added ${describeAdds(run.perTag)}`
}

/**
 * `morgue rule add|edit|run|remove|enable|disable|move …`. Returns null when the arguments are
 * not one of these (the caller prints the usage).
 */
export async function ruleCommand(
  archive: Archive,
  args: string[],
  flags: RuleFlags,
  out: (s: string) => void,
): Promise<number | null> {
  const [action, ...rest] = args
  const print = (value: unknown, text: string) =>
    out(flags.json ? JSON.stringify(value, null, 2) : text)
  switch (action) {
    case 'add':
    case 'edit': {
      const [id, ...words] = action === 'edit' ? rest : ['', ...rest]
      if (action === 'edit' && !id) return null
      const existing = id ? mustFind(archive, id) : undefined
      const query = words.length ? words.join(' ') : (existing?.query ?? '')
      const tags = flags.tags.length ? flags.tags : (existing?.tags ?? [])
      if (tags.length === 0) return null
      const input = { query, tags, ...(flags.disabled ? { enabled: false } : {}) }
      const preview = await archive.previewRule(input)
      if (preview.error) throw new ArchiveError(describeQueryError(query, preview.error))
      if (flags.dryRun) {
        print(preview, `Rule ${query || '*'} → ${tags.join(', ')} ${describePreview(preview)}.`)
        return 0
      }
      refuseWholeArchive(preview, flags.yes)
      const saved = await archive.saveRule(
        { ...input, ...(id ? { id } : {}) },
        { confirmWholeArchive: flags.yes },
      )
      const verb = action === 'add' ? 'added' : 'changed'
      const ran = saved.run ? `: ${describeRun(saved.run)}` : ' (disabled: not run)'
      print(saved, `Rule ${saved.rule.id} ${verb}${ran}.`)
      return 0
    }
    case 'run': {
      if (rest.length !== 1) return null
      const rule = mustFind(archive, rest[0])
      const preview = await archive.previewRule(rule)
      if (flags.dryRun) {
        print(preview, `Rule ${rule.id} ${describePreview(preview)}.`)
        return 0
      }
      refuseWholeArchive(preview, flags.yes)
      const run = await archive.runRule(rule.id, { confirmWholeArchive: flags.yes })
      print(run, `Rule ${rule.id} ${describeRun(run)}.`)
      return 0
    }
    case 'remove': {
      if (rest.length !== 1) return null
      const rule = await archive.removeRule(rest[0])
      print(rule, `Removed rule ${rule.id} (${rule.query || '*'}); the tags it added stay.`)
      return 0
    }
    case 'enable':
    case 'disable': {
      if (rest.length !== 1) return null
      const rule = await archive.setRuleEnabled(rest[0], action === 'enable')
      print(rule, `Rule ${rule.id} is ${rule.enabled ? 'on' : 'off'}.`)
      return 0
    }
    case 'move': {
      const position = Number(rest[1])
      if (rest.length !== 2 || !Number.isInteger(position) || position < 1) return null
      const rules = await archive.moveRule(rest[0], position - 1)
      print(rules, rules.map(formatRule).join('\n'))
      return 0
    }
    default:
      return null
  }
}

function mustFind(archive: Archive, id: string): TagRule {
  const rule = archive.rules().find((r) => r.id === id)
  if (!rule) throw new ArchiveError(`No rule with id ${id} (morgue rules lists them).`)
  return rule
}

function refuseWholeArchive(preview: RulePreview, yes: boolean): void {
  if (!preview.wholeArchive || yes) return
  throw new ArchiveError(
    `This rule matches every item in the archive (${items(preview.total)}): it would add ` +
      `${preview.tags.join(', ')} to all of them. Give --yes to go on, or --dry-run to look first.`,
  )
}
