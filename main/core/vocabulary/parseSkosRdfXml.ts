import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { ImportError } from '../importers/importer'
import type { LangLabel, SkosConcept } from './skosConcepts'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
})

type XmlNode = Record<string, unknown>

/**
 * SKOS concepts from RDF/XML: `<skos:Concept rdf:about>` elements (or `<rdf:Description>`
 * typed `skos:Concept`) anywhere in the document, with `prefLabel`/`altLabel`/`hiddenLabel`
 * (`xml:lang`), and `broader`/`narrower` as `rdf:resource` or as nested concepts.
 *
 * @throws ImportError when the XML is broken or holds no SKOS concept with a label.
 */
export function parseSkosRdfXml(xml: string, source: string): SkosConcept[] {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new ImportError(
      `${source} is broken XML at line ${valid.err.line} (${valid.err.msg.replace(/\.$/, '')}): nothing was imported.`,
    )
  }
  const doc = parser.parse(xml) as unknown
  const concepts: SkosConcept[] = []
  walk(doc, concepts, 0)
  if (concepts.length === 0) {
    throw new ImportError(
      `${source} is XML but holds no SKOS concepts (skos:Concept with a prefLabel): nothing was imported.`,
    )
  }
  return concepts
}

function asNodes(v: unknown): XmlNode[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return list.filter((x): x is XmlNode => typeof x === 'object' && x !== null)
}

function about(n: XmlNode): string | undefined {
  const a = n['@about'] ?? n['@resource'] ?? n['@nodeID']
  return typeof a === 'string' && a.trim() ? a.trim() : undefined
}

function isTypedConcept(n: XmlNode): boolean {
  return asNodes(n.type).some(
    (t) => typeof t['@resource'] === 'string' && /[#/]Concept$/.test(t['@resource']),
  )
}

function walk(value: unknown, out: SkosConcept[], depth: number): void {
  if (depth > 60) return
  for (const node of asNodes(value)) {
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('@') || key === '#text') continue
      for (const n of asNodes(child)) {
        if (key === 'Concept' || (key === 'Description' && isTypedConcept(n))) {
          const c = toConcept(n)
          if (c) out.push(c)
        }
        walk(n, out, depth + 1)
      }
    }
  }
}

function textOf(n: unknown): string {
  if (typeof n === 'string') return n
  if (n && typeof n === 'object' && typeof (n as XmlNode)['#text'] === 'string') {
    return (n as XmlNode)['#text'] as string
  }
  return ''
}

function labels(v: unknown): LangLabel[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return list
    .map((n) => ({
      value: textOf(n).trim(),
      lang:
        n && typeof n === 'object' && typeof (n as XmlNode)['@lang'] === 'string'
          ? ((n as XmlNode)['@lang'] as string)
          : '',
    }))
    .filter((l) => l.value !== '')
}

function refs(v: unknown): string[] {
  const out: string[] = []
  for (const n of asNodes(v)) {
    const direct = about(n)
    if (direct) out.push(direct)
    for (const nested of [...asNodes(n.Concept), ...asNodes(n.Description)]) {
      const r = about(nested)
      if (r) out.push(r)
    }
  }
  return out
}

function toConcept(n: XmlNode): SkosConcept | null {
  const prefLabels = labels(n.prefLabel)
  if (prefLabels.length === 0) return null
  return {
    id: about(n) ?? `_:${prefLabels[0].value}`,
    prefLabels,
    altLabels: [...labels(n.altLabel), ...labels(n.hiddenLabel)],
    broader: refs(n.broader),
    narrower: refs(n.narrower),
    retired: n.retired !== undefined,
  }
}
