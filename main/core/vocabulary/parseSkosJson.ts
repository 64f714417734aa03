import { ImportError } from '../importers/importer'
import type { LangLabel, SkosConcept } from './skosConcepts'

/**
 * SKOS concepts from JSON: JSON-LD (compacted with `skos:` prefixes or a context, or
 * expanded with full property IRIs, in a top-level array or an `@graph`) and the IPTC
 * NewsCodes JSON (`conceptSet`, `uri`/`qcode`, language maps like `{"en-GB": "…"}`).
 * Property names are read without their prefix, so `skos:prefLabel`, `prefLabel` and
 * `http://www.w3.org/2004/02/skos/core#prefLabel` are one property.
 *
 * @throws ImportError when the JSON holds no concept with a label.
 */
export function parseSkosJson(doc: unknown, source: string): SkosConcept[] {
  const nodes: Record<string, unknown>[] = []
  collectNodes(doc, nodes, 0)
  const concepts: SkosConcept[] = []
  for (const node of nodes) {
    const c = toConcept(node)
    if (c) concepts.push(c)
  }
  if (concepts.length === 0) {
    throw new ImportError(
      `${source} is JSON but holds no SKOS concepts (objects with a prefLabel): nothing was imported.`,
    )
  }
  return concepts
}

/** `skos:prefLabel`, `http://…/core#prefLabel` → `prefLabel`. */
function localName(key: string): string {
  const cut = Math.max(key.lastIndexOf('#'), key.lastIndexOf(':'), key.lastIndexOf('/'))
  return cut >= 0 ? key.slice(cut + 1) : key
}

function props(node: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [k, v] of Object.entries(node)) {
    const name = k.startsWith('@') ? k : localName(k)
    if (!out.has(name)) out.set(name, v)
  }
  return out
}

/** Every object that may be a concept, at any depth (graphs, concept sets, nested narrowers). */
function collectNodes(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 50 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1)
    return
  }
  const node = value as Record<string, unknown>
  const p = props(node)
  if (p.has('prefLabel')) out.push(node)
  for (const [k, v] of p) {
    if (k === 'prefLabel' || k === 'altLabel' || k === 'hiddenLabel' || k === '@context') continue
    if (typeof v === 'object' && v !== null) collectNodes(v, out, depth + 1)
  }
}

function isConceptType(t: unknown): boolean {
  const list = Array.isArray(t) ? t : [t]
  return list.some((x) => typeof x === 'string' && localName(x) === 'Concept')
}

function toConcept(node: Record<string, unknown>): SkosConcept | null {
  const p = props(node)
  const type = p.get('@type') ?? p.get('type')
  // A scheme or collection has labels too: only concepts (typed, or untyped with an id).
  if (type !== undefined && !isConceptType(type)) return null
  const id = refOf(p.get('@id') ?? p.get('uri') ?? p.get('id') ?? p.get('qcode'))
  const prefLabels = labels(p.get('prefLabel'))
  if (prefLabels.length === 0) return null
  return {
    id: id ?? `_:${prefLabels[0].value}`,
    prefLabels,
    altLabels: [...labels(p.get('altLabel')), ...labels(p.get('hiddenLabel'))],
    broader: refs(p.get('broader')),
    narrower: refs(p.get('narrower')),
    retired: p.has('retired') && p.get('retired') !== null && p.get('retired') !== false,
  }
}

function refOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim()
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    return refOf(o['@id'] ?? o.uri ?? o.id ?? o.qcode)
  }
  return undefined
}

function refs(v: unknown): string[] {
  if (v === undefined || v === null) return []
  const list = Array.isArray(v) ? v : [v]
  return list.map(refOf).filter((r): r is string => r !== undefined)
}

/**
 * Labels in any JSON-LD shape: a string, `{"@value", "@language"}`, a language map
 * (`{"en-GB": "…", "fr": ["…"]}`), or arrays of these.
 */
function labels(v: unknown, lang = ''): LangLabel[] {
  if (v === undefined || v === null) return []
  if (typeof v === 'string') return v.trim() ? [{ value: v, lang }] : []
  if (Array.isArray(v)) return v.flatMap((x) => labels(x, lang))
  if (typeof v !== 'object') return []
  const o = v as Record<string, unknown>
  if ('@value' in o) {
    const language = typeof o['@language'] === 'string' ? o['@language'] : lang
    return typeof o['@value'] === 'string' && o['@value'].trim()
      ? [{ value: o['@value'], lang: language }]
      : []
  }
  return Object.entries(o).flatMap(([k, x]) => (k.startsWith('@') ? [] : labels(x, k)))
}
