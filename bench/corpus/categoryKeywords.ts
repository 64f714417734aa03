import type { BbcRecord } from './wordModel'

/** A capitalised run of 1–3 words met inside a sentence (not its first word). */
const NAME_RE = /(?<=[a-z,;:)] )((?:[A-Z][a-zA-Z&'-]+)(?: (?:[A-Z][a-zA-Z&'-]+)){0,2})/g

/**
 * Category keyword lists learnt from a training split, the way a desk keyword list looks:
 * names (capitalised runs met mid-sentence: people, teams, companies, places, products;
 * honorifics dropped; single words the text mostly writes in lower case left out) that at least `minDocs` training articles hold and that belong to one category (at least
 * `purity` of those articles are in it). At most `perCategory` per category, most articles
 * first. Returned as a tab-indented keyword list (category, then its names one tab deeper),
 * the format Lightroom and Photo Mechanic export.
 */
export function categoryKeywordList(
  train: readonly BbcRecord[],
  options: { minDocs?: number; purity?: number; perCategory?: number } = {},
): { text: string; terms: number } {
  const minDocs = options.minDocs ?? 4
  const purity = options.purity ?? 0.8
  const perCategory = options.perCategory ?? 200
  const docs = new Map<string, Map<string, number>>()
  const lower = new Map<string, number>()
  for (const r of train) {
    for (const w of r.text.match(/\b[a-z][a-z'-]+\b/g) ?? []) lower.set(w, (lower.get(w) ?? 0) + 1)
  }
  for (const r of train) {
    const names = new Set<string>()
    for (const m of `${r.text}`.matchAll(NAME_RE)) {
      const name = m[1]
        .replace(/'s?$/, '')
        .replace(/^(?:Mr|Mrs|Ms|Dr|Sir|The|President|Prime Minister) /, '')
      names.add(name)
    }
    for (const n of names) {
      let by = docs.get(n)
      if (!by) docs.set(n, (by = new Map()))
      by.set(r.category, (by.get(r.category) ?? 0) + 1)
    }
  }
  const lists = new Map<string, { name: string; n: number }[]>()
  for (const [name, by] of docs) {
    const total = [...by.values()].reduce((a, b) => a + b, 0)
    if (total < minDocs || name.length < 3) continue
    // A word the training text mostly writes in lower case is a common word, not a name.
    if (!name.includes(' ') && (lower.get(name.toLowerCase()) ?? 0) > total) continue
    const [best, n] = [...by.entries()].sort((a, b) => b[1] - a[1])[0]
    if (n / total < purity) continue
    const list = lists.get(best) ?? []
    list.push({ name, n: total })
    lists.set(best, list)
  }
  const lines: string[] = []
  let terms = 0
  for (const category of [...lists.keys()].sort()) {
    lines.push(category[0].toUpperCase() + category.slice(1))
    const list = lists.get(category) ?? []
    list.sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
    for (const { name } of list.slice(0, perCategory)) {
      lines.push(`\t${name}`)
      terms++
    }
  }
  return { text: lines.join('\n') + '\n', terms }
}

/** Deterministic split: by the dataset id's number, 3 of every 10 held out. */
export function isHeldOut(record: BbcRecord): boolean {
  const n = Number(record.id.split('/')[1])
  return n % 10 >= 7
}
