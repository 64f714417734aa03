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
    const raw = block.split('\n').filter((l) => l.trim() !== '')
    const lines = raw.map((l) => l.trim())
    if (lines.length === 0) continue
    // A list stays one paragraph, one item a line, as written.
    if (lines.length > 1 && lines.slice(1).every((l) => LIST_ITEM.test(l))) {
      paragraphs.push(lines.join('\n'))
      continue
    }
    // Header fields (`From: …`, `Date: …` of an e-mail) are one line each.
    if (lines.length > 1 && lines.every((l) => /^[A-Za-z][\w-]{1,24}:\s/.test(l))) {
      paragraphs.push(...lines)
      continue
    }
    if (isFixedWidth(lines)) {
      paragraphs.push(...unwrap(raw))
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

/** Narrowest wrap width taken for fixed-width text (licences, e-mail, wire copy: 64–80). */
const MIN_WRAP_WIDTH = 40

/**
 * A block hard-wrapped at a fixed width: three lines or more, none longer than a wrapped line,
 * and a width a person or a mail program wraps at.
 */
function isFixedWidth(lines: readonly string[]): boolean {
  if (lines.length < 3) return false
  const width = Math.max(...lines.map((l) => l.length))
  return width >= MIN_WRAP_WIDTH && width <= WRAPPED_LINE_MAX
}

/**
 * Undo a fixed-width wrap the way it was made: a line ends its paragraph when the next line's
 * first word would have fitted on it (greedy wrapping would have put it there), or when the
 * next line is indented (wire copy starts each paragraph with spaces). Headers, sign-offs and
 * credit-like fragments of a sentence are never split out of their sentence on their own.
 */
function unwrap(raw: readonly string[]): string[] {
  const lines = raw.map((l) => l.trim())
  const width = Math.max(...lines.map((l) => l.length))
  const indent = (l: string) => /^(?: {2,}|\t)/.test(l)
  const allIndented = raw.every(indent)
  const out: string[] = []
  let current: string[] = []
  for (let i = 0; i < lines.length; i++) {
    current.push(lines[i])
    const next = lines[i + 1]
    if (next === undefined) break
    const nextWord = next.split(/\s+/)[0]
    // People wrap by hand too: a line that could have held the next word ends its paragraph
    // when it ends a sentence or is clearly short (a header, a byline, a sign-off).
    const fits =
      lines[i].length + 1 + nextWord.length <= width &&
      (/[.!?:"”)]$/.test(lines[i]) || lines[i].length < width * 0.6)
    const newParagraph = !allIndented && indent(raw[i + 1])
    if (fits || newParagraph) {
      out.push(current.join(' '))
      current = []
    }
  }
  if (current.length) out.push(current.join(' '))
  return out
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
    if (looksLikeCreditLine(paragraph) && !isNotice(paragraph)) {
      // A labelled credit alone (`Photo: Jane Doe/AP`): a photo without a caption. A bare name
      // or an organisation alone is a sign-off or a header, not a photo.
      if (isUnmistakableCredit(paragraph) && PHOTO_LABEL.test(paragraph)) {
        addPhoto('', parseCredit(paragraph))
        continue
      }
      body.push(paragraph)
      continue
    }
    const split = splitCaptionCredit(paragraph)
    if (
      next !== undefined &&
      looksLikeCreditLine(next) &&
      !isNotice(next) &&
      isCaption(paragraph)
    ) {
      const sameCredit = split.credit && sameCreditText(split.credit.raw, next)
      addPhoto(sameCredit ? split.caption : paragraph, parseCredit(next))
      i++
      continue
    }
    if (split.credit && !isNotice(split.credit.raw) && isUnmistakableCredit(split.credit.raw)) {
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

/** A label that says a credit is a picture's (not a text's or a program's). */
const PHOTO_LABEL = /^\(?(?:photo(?:graph)?s?|pictures?|pics?|images?|foto|fotos|bild|credit)\b/i
// Copyright notices and licences name an owner of the whole text, never a photo.
const NOTICE =
  /all rights reserved|\bcopyright\s+(?:\(c\)\s*)?\d{4}|\(c\)\s*\d{4}|\blicen[cs]e\b|permission is hereby granted/i

function isNotice(text: string): boolean {
  return NOTICE.test(text)
}

/**
 * What can be a caption above a credit line: text that is not a byline, a dateline header or a
 * salutation, and reads as a sentence or a label (it has a few words).
 */
function isCaption(paragraph: string): boolean {
  if (/^by\s/i.test(paragraph) || /^(?:from|to|subject|date|cc|sent):/i.test(paragraph))
    return false
  if (/[,:]$/.test(paragraph)) return false
  return paragraph.split(/\s+/).length >= 3
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
