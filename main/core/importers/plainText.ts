import { analyzeCredit, looksLikeCreditLine, parseCredit, splitCaptionCredit } from '../credits'
import type { ArticleDraft, Credit, Photo } from '../model'
import { dropTrailers } from './boilerplate'
import { decodeText } from './decodeText'
import type { ImportInput, Importer } from './importer'

/** Lines longer than this are paragraphs of their own, not hard-wrapped text to join. */
const WRAPPED_LINE_MAX = 100
const LIST_ITEM = /^(?:[-*•–]|\d{1,2}[.)])\s/
/** A first line longer than this is a paragraph, not a headline: the title is cut from it. */
const TITLE_MAX = 200

/**
 * Imports plain-text articles (`.txt`, `text/plain`, or a file with no extension whose bytes are
 * text): the first line is the title, blank lines separate paragraphs, and paragraphs that are
 * photo captions (ending with a credit, or followed by a line that is only a credit) become photos.
 * Site trailers at the end (`Join Our Channels`) are dropped. Throws `ImportError` for empty,
 * binary or oversized files (see `decodeText`).
 */
export const plainTextImporter: Importer = {
  name: 'plain text',
  accepts(input) {
    const type = input.contentType?.split(';')[0].trim().toLowerCase()
    if (type) return type === 'text/plain'
    const ext = extensionOf(input.source)
    if (ext) return ext === 'txt' || ext === 'text'
    return sniffsAsText(input.bytes)
  },
  async import(input: ImportInput) {
    return [parsePlainTextArticle(decodeText(input.bytes, input.source), input.source)]
  },
}

/**
 * Turn decoded plain text into an article draft (origin kind `text`). Pure; exported for the
 * Markdown importer and tests.
 */
export function parsePlainTextArticle(text: string, source: string): ArticleDraft {
  const lines = text.split('\n')
  const first = lines.findIndex((l) => l.trim() !== '')
  const firstLine = first >= 0 ? lines[first].trim() : ''
  const headline = firstLine.length <= TITLE_MAX
  const title = headline ? firstLine : shortenTitle(firstLine)
  const rest = lines.slice(headline ? first + 1 : first).join('\n')
  const { body, photos } = findPhotos(dropTrailers(splitParagraphs(rest)))
  const draft: ArticleDraft = {
    kind: 'article',
    title,
    body,
    photos,
    origin: { kind: 'text', path: source },
  }
  const byline = takeByline(draft.body)
  if (byline) draft.byline = byline
  return draft
}

/**
 * Paragraphs are separated by blank lines. Inside one, short lines are a hard-wrapped paragraph
 * (joined with spaces), long lines are paragraphs each, a list keeps its lines (joined with
 * `\n`), and a credit line stays on its own.
 */
export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = []
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    if (lines.length === 0) continue
    // A list stays one paragraph, one item a line, as written.
    if (lines.length > 1 && lines.slice(1).every((l) => LIST_ITEM.test(l))) {
      paragraphs.push(lines.join('\n'))
      continue
    }
    const wrapped = lines.every((l) => l.length <= WRAPPED_LINE_MAX)
    let current: string[] = []
    const flush = () => {
      if (current.length > 0) paragraphs.push(current.join(' '))
      current = []
    }
    for (const line of lines) {
      if (lines.length > 1 && looksLikeCreditLine(line)) {
        flush()
        paragraphs.push(line)
      } else if (wrapped) {
        current.push(line)
      } else {
        flush()
        paragraphs.push(line)
      }
    }
    flush()
  }
  return paragraphs
}

/**
 * Separate photo captions from body paragraphs. A caption is a paragraph followed by a line that
 * is only a credit, or one that ends with an unmistakable credit (labelled or a known agency).
 * When the caption ends with the same credit as the line after it, that is one credit.
 */
export function findPhotos(paragraphs: readonly string[]): { body: string[]; photos: Photo[] } {
  const body: string[] = []
  const photos: Photo[] = []
  const addPhoto = (caption: string, credit: Credit | null) =>
    photos.push({ id: `p${photos.length}`, caption, credit })

  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]
    const next = paragraphs[i + 1]
    if (looksLikeCreditLine(paragraph)) {
      // A credit alone with nothing before it: a photo without a caption.
      addPhoto('', parseCredit(paragraph))
      continue
    }
    const split = splitCaptionCredit(paragraph)
    if (next !== undefined && looksLikeCreditLine(next)) {
      const sameCredit = split.credit && sameCreditText(split.credit.raw, next)
      addPhoto(sameCredit ? split.caption : paragraph, parseCredit(next))
      i++
      continue
    }
    if (split.credit && isUnmistakableCredit(split.credit.raw)) {
      addPhoto(split.caption, split.credit)
      continue
    }
    body.push(paragraph)
  }
  return { body, photos }
}

/**
 * Body text ends with names too (`Caroline Quentin (Granada, ITV1)`, line-ups), so a credit at a
 * paragraph's end makes it a caption only when labelled (`Photo:`, `©`) or naming a known agency.
 */
function isUnmistakableCredit(raw: string): boolean {
  if (!looksLikeCreditLine(raw)) return false
  const analysis = analyzeCredit(raw)
  return analysis.labelled || analysis.parts.some((p) => p.known)
}

function sameCreditText(a: string, b: string): boolean {
  const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase()
  return key(a) === key(b)
}

/** A `By Jane Doe` paragraph among the first ones is the byline, not body text. */
function takeByline(body: string[]): string | undefined {
  const at = body.slice(0, 3).findIndex((p) => /^by\s+\p{Lu}[\p{L}.'’ -]{1,60}$/iu.test(p))
  if (at < 0) return undefined
  const [line] = body.splice(at, 1)
  return line.replace(/^by\s+/i, '').trim()
}

/** A headline from a first line that is really a paragraph: its first words, cut at a space. */
function shortenTitle(line: string): string {
  const sentence = /^(.{20,160}?[.!?])\s/.exec(line)
  if (sentence) return sentence[1]
  const cut = line.slice(0, 120)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trim()}…`
}

function extensionOf(source: string): string | null {
  const name = source.split(/[\\/]/).pop() ?? ''
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null
}

/** Text files without an extension: no NUL bytes at the start (or a UTF-16 BOM), not markup. */
function sniffsAsText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return true
  }
  const head = bytes.subarray(0, 4096)
  if (head.includes(0)) return false
  const start = new TextDecoder().decode(head.subarray(0, 64)).trimStart()
  return !/^(?:<|\{|\[|%PDF)/.test(start)
}
