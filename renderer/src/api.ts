/**
 * The renderer's only door to the archive: the preload bridge in the desktop app, or the
 * loopback HTTP bridge in a browser (token from the page URL). Nothing else reads
 * `window.archive`, so tests and the browser target can swap the implementation.
 */
import type { ArchiveBridge, Reply } from '../../preload/contract'
import { createHttpBridge } from './httpBridge'
import { MEDIA_SCHEME } from '../../preload/contract'

const token = new URLSearchParams(window.location.search).get('token') ?? ''

/** The bridge for this window. */
export const archive: ArchiveBridge = window.archive ?? createHttpBridge(token)

/** The URL of an archived blob (image, thumbnail, snapshot) for <img> or fetch. */
export function mediaUrl(sha256: string): string {
  return archive.transport === 'ipc'
    ? `${MEDIA_SCHEME}://blob/${sha256}`
    : `/media/${sha256}?token=${encodeURIComponent(token)}`
}

/** An expected failure from main, carrying the sentence to show the user. */
export class ArchiveFailure extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'ArchiveFailure'
  }
}

/** Unwrap a reply: the value, or an `ArchiveFailure` with the reason. */
export async function unwrap<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply
  if (!r.ok) throw new ArchiveFailure(r.reason)
  return r.value
}

/** Open an http(s) link outside the app: the system browser, or a new tab in a browser. */
export async function openExternal(url: string): Promise<void> {
  if (archive.transport === 'ipc') await unwrap(archive.openExternal(url))
  else window.open(url, '_blank', 'noopener,noreferrer')
}
