import type { MissingImage } from '../../model'
import { ARCHIVED_IMAGE_ATTRIBUTE, IMAGE_REF_ATTRIBUTE } from '../html/sanitizeSnapshot'
import type { ImageResult } from './imageDownloader'

// Our own serialised snapshot: attribute values are double-quoted with `&` and `"` escaped.
const REF = new RegExp(
  `${IMAGE_REF_ATTRIBUTE}="([^"]*)"(?: ${ARCHIVED_IMAGE_ATTRIBUTE}="[0-9a-f]{64}")?`,
  'g',
)

/** The image references of a snapshot (see `IMAGE_REF_ATTRIBUTE`), each once, in page order. */
export function snapshotImageRefs(html: string): string[] {
  return [...new Set([...html.matchAll(REF)].map((m) => unescapeAttribute(m[1])))]
}

/** The snapshot with `data-morgue-blob="<sha256>"` beside every reference `archived` holds. */
export function markArchivedImages(html: string, archived: ReadonlyMap<string, string>): string {
  return html.replace(REF, (whole, raw: string) => {
    const sha = archived.get(unescapeAttribute(raw))
    return sha ? `${IMAGE_REF_ATTRIBUTE}="${raw}" ${ARCHIVED_IMAGE_ATTRIBUTE}="${sha}"` : whole
  })
}

/** References of a snapshot that are not archived yet. */
export function unarchivedSnapshotRefs(html: string): string[] {
  const archived = new Set(
    [...html.matchAll(REF)].filter((m) => m[0].includes(ARCHIVED_IMAGE_ATTRIBUTE)).map((m) => m[1]),
  )
  return snapshotImageRefs(
    [...html.matchAll(REF)]
      .filter((m) => !archived.has(m[1]))
      .map((m) => m[0])
      .join(' '),
  )
}

export interface SnapshotArchiving {
  html: string
  archived: number
  /** The references archived this time. */
  kept: string[]
  missing: MissingImage[]
}

/**
 * Archive the images of a snapshot that are not archived yet (at most `maxImages`, in page
 * order) and mark them; the others are listed as missing with their reason.
 */
export async function archiveSnapshotImages(
  html: string,
  archiveImage: (ref: string) => Promise<ImageResult>,
  maxImages = 80,
): Promise<SnapshotArchiving> {
  const refs = unarchivedSnapshotRefs(html)
  const todo = refs.slice(0, maxImages)
  const results = await Promise.all(todo.map((ref) => archiveImage(ref)))
  const kept = new Map<string, string>()
  const missing: MissingImage[] = []
  for (const [i, result] of results.entries()) {
    if (result.ok) kept.set(todo[i], result.image.sha256)
    else missing.push({ url: todo[i], reason: result.reason })
  }
  for (const ref of refs.slice(todo.length)) {
    missing.push({ url: ref, reason: `${ref} was left out: the page has too many images.` })
  }
  const html2 = kept.size ? markArchivedImages(html, kept) : html
  return { html: html2, archived: kept.size, kept: [...kept.keys()], missing }
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Missing images, each address once (the first reason wins). */
export function mergeMissing(list: readonly MissingImage[]): MissingImage[] {
  const seen = new Map<string, MissingImage>()
  for (const m of list) if (!seen.has(m.url)) seen.set(m.url, m)
  return [...seen.values()]
}
