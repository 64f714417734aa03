/**
 * Web pages: saved HTML files (`htmlImporter`) and the extraction shared with URL import
 * (`extractPage`, `pageToDraft`).
 */
export { htmlImporter, looksLikeHtml, pageToDraft } from './htmlImporter'
export type { DraftExtras } from './htmlImporter'
export { extractPage } from './extractPage'
export type { ExtractedPage, ExtractOptions } from './extractPage'
export { decodeHtml, charsetOf } from './decodeHtml'
export { sanitizeSnapshot, ARCHIVED_IMAGE_ATTRIBUTE } from './sanitizeSnapshot'
