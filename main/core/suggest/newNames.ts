import nlp from 'compromise'
import type { CompiledVocabulary } from './compiledVocabulary'
import type { WeightedText } from './itemFields'
import { NAME_BRANCHES, type NameKind, type NewName } from './suggestionTypes'
import { nameKey } from '../search/nameVariants'

/** Long bodies are read up to here: names that matter are named early. */
const MAX_CHARS = 60_000

/** `Blair's` → `Blair`, `“Reuters,”` → `Reuters`. */
function cleanName(raw: string): string {
  return raw
    .replace(/['’]s$/u, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.)]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Titles the tagger reads as names when they stand alone (`President`, `Mr`). */
const TITLES = new Set(
  'mr mrs ms miss dr sir dame lord lady president minister prime chancellor secretary king queen prince princess pope general chief judge senator governor mayor'.split(
    ' ',
  ),
)

/** A name worth offering: starts with a capital letter or digit, is not only titles. */
function plausible(name: string): boolean {
  if (name.length < 2 || name.length > 100 || !/^[\p{Lu}\p{N}]/u.test(name)) return false
  return !name
    .toLowerCase()
    .split(/[\s.]+/)
    .filter((w) => w !== '')
    .every((w) => TITLES.has(w))
}

/**
 * People, places and organisations named in the text (compromise's named-entity tagging),
 * that no entry of the vocabulary already covers, most often named first. A surname met alone
 * (`Blair`) counts for the full name met elsewhere in the text (`Tony Blair`).
 */
export function findNewNames(
  fields: readonly WeightedText[],
  vocabulary: CompiledVocabulary,
  limit = 8,
): NewName[] {
  let text = ''
  for (const f of fields) {
    if (f.field === 'credit') continue
    if (text.length > MAX_CHARS) break
    text += `${f.text.trim().replace(/[^.!?:;"”]$/u, '$&.')}\n\n`
  }
  const doc = nlp(text)
  const found = new Map<string, NewName & { first: number }>()
  let order = 0
  const collect = (kind: NameKind, names: string[]) => {
    for (const raw of names) {
      const name = cleanName(raw)
      if (!plausible(name)) continue
      const key = `${kind}:${nameKey(name)}`
      const known = found.get(key)
      if (known) known.count++
      else
        found.set(key, {
          name,
          kind,
          count: 1,
          path: `${NAME_BRANCHES[kind]}/${name}`,
          first: order++,
        })
    }
  }
  collect('person', doc.people().out('array') as string[])
  collect('place', doc.places().out('array') as string[])
  collect('organisation', doc.organizations().out('array') as string[])

  // Fold a lone surname into the one full name ending in it.
  const people = [...found.values()].filter((n) => n.kind === 'person')
  for (const single of people.filter((p) => !p.name.includes(' '))) {
    const full = people.filter(
      (p) => p !== single && nameKey(p.name).endsWith(` ${nameKey(single.name)}`),
    )
    if (full.length === 1) {
      full[0].count += single.count
      found.delete(`person:${nameKey(single.name)}`)
    }
  }

  const known = (name: string) => {
    const matches = vocabulary.matcher.match(name)
    return matches.some((m) => m.start === 0 && m.end >= name.length - 1)
  }
  return [...found.values()]
    .filter((n) => !known(n.name))
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map(({ name, kind, count, path }) => ({ name, kind, count, path }))
}
