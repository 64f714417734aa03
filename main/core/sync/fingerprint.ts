import { createHash } from 'node:crypto'

/** JSON with object keys sorted, so the same value always prints (and hashes) the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {}
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k]
      return sorted
    }
    return v
  })
}

export function fingerprint(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('hex')
}

/** A revision id in CouchDB's shape: generation, dash, 32 hex characters. */
export function makeRev(generation: number, ...parts: string[]): string {
  return `${generation}-${createHash('md5').update(parts.join('\n')).digest('hex')}`
}

/** CouchDB's winner order: higher generation, then the greater revision string. */
export function compareRevs(a: string, b: string): number {
  const ga = Number.parseInt(a, 10)
  const gb = Number.parseInt(b, 10)
  if (ga !== gb) return ga - gb
  return a < b ? -1 : a > b ? 1 : 0
}
