/**
 * Site trailers that copy-pasted articles drag along (`Join Our Channels`, `Share this article`).
 * Each pattern must match a whole paragraph; they are removed only while they stand alone at the
 * end of the text, so the same words inside an article are kept.
 */
export const TRAILER_PATTERNS: readonly RegExp[] = [
  /^join our (?:channels?|community|newsletter|whatsapp channel|telegram channel)\.?$/i,
  /^share (?:this|the) (?:article|story|post|page)\.?$/i,
  /^share(?: on (?:facebook|twitter|x|whatsapp|linkedin|email))?\.?$/i,
  /^follow us on (?:(?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|tiktok|threads|bluesky|mastodon|google news|social media)(?:,\s*|\s+(?:and|&)\s+)?)+[.!]?$/i,
  /^read more:?$/i,
  /^read more: .{0,120}$/i,
  /^advertisement$/i,
  /^(?:sponsored|sponsored content|promoted stories)$/i,
  /^(?:sign up|subscribe) (?:to|for) (?:our|the) newsletters?\b.{0,80}$/i,
  /^click here to (?:subscribe|read more|join)\b.{0,60}$/i,
  /^(?:related|related articles|related stories|more stories|you may also like)\.?:?$/i,
  /^(?:comments?|leave a comment|\d+ comments?)$/i,
  /^(?:copyright|©) .{0,100}all rights reserved\.?$/i,
  /^(?:tags?|topics?):.{0,200}$/i,
]

/** Whether one paragraph is a known site trailer. */
export function isTrailer(paragraph: string): boolean {
  const text = paragraph.trim().replace(/\s+/g, ' ')
  return text !== '' && TRAILER_PATTERNS.some((p) => p.test(text))
}

/** The paragraphs without the site trailers at their end (the input is not changed). */
export function dropTrailers(paragraphs: readonly string[]): string[] {
  let end = paragraphs.length
  while (end > 0 && (paragraphs[end - 1].trim() === '' || isTrailer(paragraphs[end - 1]))) end--
  return paragraphs.slice(0, end)
}
