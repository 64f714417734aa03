import type { ItemDraft, PageCapture } from '../model'
import { checkHttpUrl } from './html/fetchLimited'
import type { ImportContext } from './importer'
import { importUrl } from './url'

/**
 * Archive a captured page exactly like a page fetched by URL — same extractor, same image
 * download, same snapshot — except that the page itself is the HTML the browser rendered, not
 * a fresh download (which could differ, or need the user's login). The selection, if any, is
 * kept in the notes.
 */
export async function importCapturedPage(
  capture: PageCapture,
  ctx: ImportContext,
): Promise<ItemDraft[]> {
  const pageUrl = checkHttpUrl(capture.url)
  const network = ctx.fetch ?? ((u: string, init: { signal?: AbortSignal }) => fetch(u, init))
  let served = false
  const fromBrowser: NonNullable<ImportContext['fetch']> = async (url, init) => {
    if (!served && url === pageUrl) {
      served = true
      return new Response(capture.html, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      })
    }
    return network(url, init ?? {})
  }
  const drafts = await importUrl(pageUrl, { ...ctx, fetch: fromBrowser })
  const selection = capture.selection?.replace(/\s+/g, ' ').trim()
  return drafts.map((d) => {
    const title = d.title.trim() || capture.title?.trim() || pageUrl
    const draft = { ...d, title, origin: { kind: 'url' as const, path: pageUrl } }
    if (selection) draft.notes = `Selected when saved: “${selection.slice(0, 5000)}”`
    return draft
  })
}
