import { ImportError } from '../importers/importer'
import {
  MAX_TERM_LENGTH,
  PATH_SEPARATOR,
  segmentOf,
  type VocabularyFormat,
  type VocabularyTerm,
} from './vocabularyTypes'

/**
 * Keyword lists as text. Two shapes, told apart by their content:
 * - plain: one term per line (`#` comment lines and blank lines skipped);
 * - indented: the hierarchy Adobe Lightroom (Metadata ▸ Export Keywords) and Photo Mechanic
 *   (structured keywords) write — one keyword per line, a child indented one tab deeper than
 *   its parent. Lightroom writes a keyword that is only a grouping (not exported with photos)
 *   in `[square brackets]`, and the synonyms of a keyword as child lines in `{braces}`.
 *   A keyword becomes the path of its ancestors: `Places/Syria/Raqqa`; a `[Category]` gives its
 *   name to the paths below it but is no term itself; `{synonyms}` belong to their parent.
 */
export function parseKeywordText(
  text: string,
  source: string,
): { format: VocabularyFormat; terms: VocabularyTerm[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '' && !/^\s*#/.test(l))
  if (lines.length === 0) throw new ImportError(`${source} holds no keywords.`)
  refuseProse(lines, source)
  // A tab, or two spaces or more, indents; one stray space does not.
  const indented = lines.some((l) => /^(\t| {2})\s*\S/.test(l) || /^\s*[[{].*[\]}]\s*$/.test(l))
  if (!indented) {
    const terms: VocabularyTerm[] = []
    for (const l of lines) {
      const term = segmentOf(l)
      if (term) terms.push({ path: term })
    }
    return { format: 'plain', terms }
  }
  return { format: 'indented', terms: parseIndented(lines) }
}

/** A file of sentences is not a keyword list: refuse it rather than import every line. */
function refuseProse(lines: string[], source: string): void {
  const long = lines.filter((l) => l.trim().length > MAX_TERM_LENGTH).length
  const sentences = lines.filter((l) => {
    const t = l.trim()
    return t.split(/\s+/).length > 8 && /[.!?;]["”’)]?$/.test(t)
  }).length
  if (long > 0 || sentences > Math.max(2, lines.length * 0.2)) {
    throw new ImportError(
      `${source} does not look like a keyword list (it reads as running text): expected one term per line, a tab-indented hierarchy, or SKOS in JSON or RDF/XML. Nothing was imported.`,
    )
  }
}

/** Indent depth of a line: tabs count one level each; spaces in steps of the smallest indent. */
function depthsOf(lines: string[]): number[] {
  const spaceSteps = lines.map((l) => /^( +)/.exec(l)?.[1].length ?? 0).filter((n) => n > 0)
  const step = spaceSteps.length > 0 ? Math.min(...spaceSteps) : 1
  return lines.map((l) => {
    const lead = /^[\t ]*/.exec(l)?.[0] ?? ''
    let depth = 0
    let spaces = 0
    for (const c of lead) {
      if (c === '\t') depth++
      else spaces++
    }
    return depth + Math.floor(spaces / step)
  })
}

interface Node {
  segment: string
  category: boolean
  term: VocabularyTerm | null
}

function parseIndented(lines: string[]): VocabularyTerm[] {
  const depths = depthsOf(lines)
  const stack: Node[] = []
  const terms: VocabularyTerm[] = []
  lines.forEach((line, i) => {
    const raw = line.trim()
    // A child may sit at most one level below its parent; deeper jumps are clamped.
    const depth = Math.min(depths[i], stack.length)
    const synonym = /^\{(.*)\}$/.exec(raw)
    if (synonym) {
      const parent = stack[depth - 1]
      const name = synonym[1].trim()
      if (parent?.term && name) {
        const list = (parent.term.synonyms ??= [])
        if (!list.includes(name)) list.push(name)
      }
      return
    }
    const category = /^\[(.*)\]$/.exec(raw)
    const segment = segmentOf(category ? category[1] : raw)
    stack.length = depth
    if (!segment) return
    const path = [...stack.map((n) => n.segment), segment].join(PATH_SEPARATOR)
    const node: Node = { segment, category: !!category, term: null }
    if (!category && path.length <= MAX_TERM_LENGTH) {
      node.term = { path }
      if (segment !== (category ? category[1] : raw).trim()) node.term.synonyms = [raw]
      terms.push(node.term)
    }
    stack.push(node)
  })
  return terms
}
