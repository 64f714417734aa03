import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { EXPORT_FORMAT } from './exportFormat'

/** The longest header line read back (settings are small; this bounds a hostile file). */
const MAX_HEADER_CHARS = 4 * 1024 * 1024

/**
 * The settings carried by a Morgue export file (its header), or null when the file is not
 * one of ours or carries none. Our exports put the whole header on the first line, in both
 * NDJSON and JSON documents (`{…,"items":[`), so only that line is read.
 */
export async function readExportSettings(path: string): Promise<Record<string, unknown> | null> {
  if (!/\.(json|ndjson|jsonl)$/i.test(path)) return null
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let first = ''
  try {
    for await (const line of lines) {
      first = line
      break
    }
  } finally {
    lines.close()
    stream.destroy()
  }
  if (first.length > MAX_HEADER_CHARS || !first.includes(`"${EXPORT_FORMAT}"`)) return null
  const text = first.endsWith(',"items":[') ? `${first.slice(0, -',"items":['.length)}}` : first
  let header: { format?: unknown; settings?: unknown; tagColors?: unknown }
  try {
    header = JSON.parse(text) as typeof header
  } catch {
    return null
  }
  if (header.format !== EXPORT_FORMAT) return null
  const settings = isPlainObject(header.settings) ? { ...header.settings } : {}
  // Exports made before settings were carried had the tag colours alone.
  if (settings.tagColors === undefined && isPlainObject(header.tagColors)) {
    settings.tagColors = header.tagColors
  }
  return Object.keys(settings).length > 0 ? settings : null
}

/**
 * Merge imported settings into the archive's, keeping what the archive already has: lists gain
 * the entries they lack (saved searches by name, other lists by value), tables gain the keys
 * they lack (tag colours), any other setting is taken only if the archive has none. Generic
 * over keys, so settings added later round-trip without a change here.
 */
export function mergeSettings(
  current: Record<string, unknown>,
  incoming: Record<string, unknown>,
): void {
  for (const [key, value] of Object.entries(incoming)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue
    const have = current[key]
    if (have === undefined) current[key] = structuredClone(value)
    else if (Array.isArray(have) && Array.isArray(value)) {
      const identity = (v: unknown) =>
        isPlainObject(v) && typeof v.name === 'string' ? `name:${v.name}` : JSON.stringify(v)
      const known = new Set(have.map(identity))
      for (const entry of value) {
        if (!known.has(identity(entry))) {
          known.add(identity(entry))
          have.push(structuredClone(entry))
        }
      }
    } else if (isPlainObject(have) && isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k !== '__proto__' && have[k] === undefined) have[k] = structuredClone(v)
      }
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
