import os from 'node:os'
import type { BuildResult, ColdResult } from './childProtocol'
import type { EngineName } from './engines'
import type { BenchQuery, QueryKind } from './queries'
import type { ChildOutcome } from './runChild'

/** One engine at one corpus size: its build run and its cold-start run. */
export interface EngineRow {
  engine: EngineName
  build?: ChildOutcome
  cold?: ChildOutcome
  /** Why it was not run. */
  skipped?: string
  /** 1-minute load average when its build run ended (the machine is shared). */
  load?: number
}

export interface SizeSection {
  label: string
  articles: number
  rows: EngineRow[]
}

const ENGINE_LABEL: Record<EngineName, string> = {
  ours: 'ours (segmented lunr)',
  minisearch: 'MiniSearch 7.2',
  lunr: 'plain lunr 2.3.9',
}

/** The machine line every bench result starts with. */
export function machineLine(): string {
  const cpus = os.cpus()
  const gb = (os.totalmem() / 2 ** 30).toFixed(0)
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${gb} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`
}

const sec = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`

/** Milliseconds with the precision that matters at that scale. */
export function msText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–'
  if (ms >= 10_000) return sec(ms)
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

const memText = (mbValue: number): string =>
  mbValue >= 1024 ? `${(mbValue / 1024).toFixed(1)} GB` : `${mbValue} MB`

const bytesText = (bytes: number): string => {
  const m = bytes / 1048576
  return m >= 100 ? `${m.toFixed(0)} MB` : `${m.toFixed(1)} MB`
}

const loadText = (row: EngineRow): string => (row.load === undefined ? '–' : row.load.toFixed(1))

function built(row: EngineRow): BuildResult | null {
  return row.build?.status === 'ok' ? (row.build.result as BuildResult) : null
}

function cold(row: EngineRow): ColdResult | null {
  return row.cold?.status === 'ok' ? (row.cold.result as ColdResult) : null
}

function failure(outcome: ChildOutcome | undefined, articles: number): string {
  if (!outcome || outcome.status === 'ok') return '–'
  const progress =
    outcome.lastProgress > 0
      ? ` (${outcome.lastProgress.toLocaleString('en')} of ${articles.toLocaleString('en')} indexed)`
      : ''
  if (outcome.status === 'timeout' && outcome.built) {
    return `indexed, but saving + querying did not finish within the limit (${Math.round(outcome.elapsedMs / 1000)} s in all)`
  }
  if (outcome.status === 'timeout') {
    return `did not finish in ${Math.round(outcome.elapsedMs / 1000)} s${progress}`
  }
  if (outcome.status === 'memory') {
    return `stopped at ${memText(outcome.polledPeakRssMb)} RSS${progress}`
  }
  return `crashed: ${outcome.detail.slice(0, 120)}`
}

function incrementalText(row: EngineRow, b: BuildResult): string {
  if (row.engine === 'lunr') return `full rebuild ≈ ${sec(b.buildMs + b.saveMs)} (build + save)`
  const found = b.incrementalFound ? '' : ' (NOT found)'
  if (row.engine === 'minisearch') {
    return `${msText(b.incrementalMs)} in memory${found}; persisting it = full save, ${sec(b.saveMs)}`
  }
  return `${msText(b.incrementalMs)}${found}`
}

/** The Markdown table for one corpus size. */
export function sizeTable(section: SizeSection): string {
  const lines = [
    `### ${section.label}`,
    '',
    '| engine | build | peak RSS | index on disk | cold start (load + 1st query) | query p50 / p95 / p99 | incremental update | worst event-loop delay: build / query | 0-hit queries | load avg |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ]
  for (const row of section.rows) {
    const name = ENGINE_LABEL[row.engine]
    if (row.skipped) {
      lines.push(`| ${name} | ${row.skipped} | | | | | | | | |`)
      continue
    }
    const b = built(row)
    if (!b) {
      const peak =
        row.build && row.build.status !== 'ok' ? `≥ ${memText(row.build.polledPeakRssMb)}` : '–'
      lines.push(
        `| ${name} | ${failure(row.build, section.articles)} | ${peak} | – | – | – | – | – | – | ${loadText(row)} |`,
      )
      continue
    }
    const c = cold(row)
    const coldText = c
      ? `${msText(c.coldMs)} (${msText(c.loadMs)} + ${msText(c.firstQueryMs)}), ${memText(c.rssAfterLoadMb)} RSS`
      : failure(row.cold, section.articles)
    const buildText =
      row.engine === 'ours' ? sec(b.buildMs) : `${sec(b.buildMs)} + save ${sec(b.saveMs)}`
    const l = b.latency
    const failed = b.failedQueries > 0 ? ` (${b.failedQueries} failed)` : ''
    lines.push(
      `| ${name} | ${buildText} | ${memText(b.peakRssMb)} | ${bytesText(b.indexBytes)} | ${coldText} | ${msText(l.p50)} / ${msText(l.p95)} / ${msText(l.p99)} | ${incrementalText(row, b)} | ${msText(b.loopMaxBuildMs)} / ${msText(b.loopMaxQueryMs)} | ${b.zeroHitQueries}${failed} | ${loadText(row)} |`,
    )
  }
  return lines.join('\n')
}

/** p50 / p95 per query kind, one column per engine that finished. */
export function kindTable(section: SizeSection, kinds: readonly QueryKind[]): string {
  const rows = section.rows.filter((r) => built(r))
  if (rows.length === 0) return ''
  const lines = [
    `Query latency by kind at ${section.label} (p50 / p95 / p99, median of passes):`,
    '',
    `| kind (count) | ${rows.map((r) => ENGINE_LABEL[r.engine]).join(' | ')} |`,
    `| --- | ${rows.map(() => '---:').join(' | ')} |`,
  ]
  for (const kind of kinds) {
    const first = built(rows[0])?.byKind[kind]
    if (!first) continue
    const cells = rows.map((r) => {
      const k = built(r)?.byKind[kind]
      return k ? `${msText(k.p50)} / ${msText(k.p95)} / ${msText(k.p99)}` : '–'
    })
    lines.push(`| ${kind} (${first.count}) | ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

/** One example of each query kind with its three translations. */
export function queryExamples(queries: readonly BenchQuery[]): string {
  const seen = new Set<QueryKind>()
  const lines = ['| kind | ours | plain lunr | MiniSearch |', '| --- | --- | --- | --- |']
  for (const q of queries) {
    if (seen.has(q.kind)) continue
    seen.add(q.kind)
    const cell = (s: string): string => '`' + s.replace(/\|/g, '\\|') + '`'
    lines.push(
      `| ${q.kind} | ${cell(q.ours)} | ${cell(q.lunr)} | ${cell(JSON.stringify(q.mini))} |`,
    )
  }
  return lines.join('\n')
}

/** How often each engine's misspelt queries find what their correct spelling finds first. */
export function typoLine(section: SizeSection): string {
  const parts = section.rows.flatMap((row) => {
    const t = built(row)?.typoFound
    if (!t || t.of === 0) return []
    const pct = ((100 * t.found) / t.of).toFixed(0)
    return [`${ENGINE_LABEL[row.engine]} ${t.found}/${t.of} (${pct}%)`]
  })
  if (parts.length === 0) return ''
  return (
    `Typo tolerance at ${section.label}: misspelt queries (kind \`typo\`, typed without syntax; ` +
    `MiniSearch with \`fuzzy: 0.2\`) whose top 10 holds the first hit of their correct spelling: ` +
    `${parts.join(', ')}.`
  )
}

/** Which queries found nothing, per engine (the engines' semantics differ: stemming, phrases). */
export function zeroHitList(section: SizeSection): string {
  const lines: string[] = []
  for (const row of section.rows) {
    const b = built(row)
    if (!b || b.zeroHitQueries === 0) continue
    const more = b.zeroHitQueries > b.zeroHitExamples.length ? ', …' : ''
    const list = b.zeroHitExamples.map((q) => '`' + q.replace(/\|/g, '\\|') + '`').join(', ')
    lines.push(`- ${ENGINE_LABEL[row.engine]}: ${b.zeroHitQueries} (${list}${more})`)
  }
  return lines.length > 0
    ? [`Queries with no hit at ${section.label}:`, '', ...lines].join('\n')
    : ''
}
