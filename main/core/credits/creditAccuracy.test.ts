import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Credit } from '../model'
import { looksLikeCreditLine, parseCredit, splitCaptionCredit } from './index'

/**
 * Accuracy against the hand-labelled development captions (corpora README section 4). Lines
 * marked `uncertain` are left out of the strict score, as the README asks.
 */
const corpus = path.resolve(__dirname, '../../..', '../shared/corpora')

interface LabelledCaption {
  id: string
  caption: string
  credit_raw: string
  photographer: string | null
  agency: string | null
  credit_in_caption: boolean
  uncertain: boolean
}

function readLabels(): LabelledCaption[] {
  return readFileSync(path.join(corpus, 'captions-dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledCaption)
}

const same = (a: string | null, b: string | null) =>
  (a === null && b === null) || (a !== null && b !== null && a.toLowerCase() === b.toLowerCase())

interface Score {
  cases: number
  photographer: number
  agency: number
  both: number
  failures: string[]
}

function score(
  labels: LabelledCaption[],
  parse: (l: LabelledCaption) => Credit | null,
  what: string,
): Score {
  const s: Score = { cases: 0, photographer: 0, agency: 0, both: 0, failures: [] }
  for (const label of labels) {
    const credit = parse(label)
    const photographer = credit?.photographer ?? null
    const agency = credit?.agency ?? null
    const okP = same(photographer, label.photographer)
    const okA = same(agency, label.agency)
    s.cases++
    if (okP) s.photographer++
    if (okA) s.agency++
    if (okP && okA) s.both++
    else {
      s.failures.push(
        `${what} ${label.id}: ${JSON.stringify(label.credit_raw)} → ` +
          `photographer ${JSON.stringify(photographer)} (want ${JSON.stringify(label.photographer)}), ` +
          `agency ${JSON.stringify(agency)} (want ${JSON.stringify(label.agency)})`,
      )
    }
  }
  return s
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`

function report(name: string, s: Score): void {
  console.log(
    `${name}: ${s.both}/${s.cases} = ${pct(s.both, s.cases)} ` +
      `(photographer ${pct(s.photographer, s.cases)}, agency ${pct(s.agency, s.cases)})`,
  )
  for (const f of s.failures) console.log(`  FAIL ${f}`)
}

describe('credit accuracy on captions-dev.jsonl', () => {
  const labels = readLabels()
  const certain = labels.filter((l) => !l.uncertain)

  it('has the labelled lines the README describes', () => {
    expect(labels.length).toBe(94)
    expect(certain.length).toBe(87)
  })

  it('parses credit_raw to the labelled photographer and agency (≥ 95 %)', () => {
    const s = score(certain, (l) => parseCredit(l.credit_raw), 'parseCredit')
    report('credit accuracy', s)
    const lenient = score(
      labels.filter((l) => l.uncertain),
      (l) => parseCredit(l.credit_raw),
      'uncertain',
    )
    report('uncertain lines (not scored)', lenient)
    expect(s.both / s.cases).toBeGreaterThanOrEqual(0.95)
  })

  it('finds the credit inside captions that contain it (≥ 95 %)', () => {
    const inCaption = certain.filter((l) => l.credit_in_caption)
    const s = score(inCaption, (l) => splitCaptionCredit(l.caption).credit, 'splitCaptionCredit')
    report('credit-in-caption accuracy', s)
    expect(s.cases).toBeGreaterThan(20)
    expect(s.both / s.cases).toBeGreaterThanOrEqual(0.95)
  })

  it('leaves the caption text without the credit', () => {
    const inCaption = certain.filter((l) => l.credit_in_caption)
    const wrong = inCaption.filter((l) => {
      const { caption } = splitCaptionCredit(l.caption)
      return caption.includes(l.credit_raw) || !l.caption.startsWith(caption.slice(0, 20))
    })
    for (const l of wrong) console.log(`  caption still holds its credit: ${l.id}`)
    expect(wrong.length / inCaption.length).toBeLessThanOrEqual(0.05)
  })

  it('finds no credit in captions whose credit was published separately', () => {
    const separate = certain.filter((l) => !l.credit_in_caption && l.caption !== '')
    const found = separate.filter((l) => splitCaptionCredit(l.caption).credit !== null)
    for (const l of found) {
      console.log(`  credit found in ${l.id}: ${JSON.stringify(splitCaptionCredit(l.caption))}`)
    }
    // A few separately published captions still quote a credit (AFP's `/ AFP / JIM WATSON`).
    expect(found.length / separate.length).toBeLessThanOrEqual(0.1)
  })
})

describe('credit detection on body text (BBC corpus)', () => {
  it('finds almost no credits in news paragraphs, and no credit-only lines', () => {
    const rows = readFileSync(path.join(corpus, 'bbc-news/bbc-news.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { text: string })
    const paragraphs = rows.flatMap((r) => r.text.split(/\n\s*\n/).map((p) => p.trim()))
    const tails = paragraphs.filter((p) => splitCaptionCredit(p).credit !== null)
    const lines = paragraphs.filter(looksLikeCreditLine)
    console.log(
      `BBC paragraphs: ${paragraphs.length}, with a credit found at the end: ${tails.length}, ` +
        `credit-only: ${lines.length}`,
    )
    for (const t of tails) console.log(`  false credit: …${t.slice(-70)}`)
    expect(paragraphs.length).toBeGreaterThan(10_000)
    expect(tails.length / paragraphs.length).toBeLessThan(0.001)
    expect(lines).toEqual([])
  })
})
