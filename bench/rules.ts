/**
 * Tagging rules at archive scale. Two measures:
 * 1. A rule run over the whole archive: N generated bench-corpus articles (100,000; 10,000 with
 *    BENCH_QUICK=1) in a real archive (sharded store, search index in its worker, near-duplicate
 *    index). For rules of growing reach, the preview (query over the index + what would change,
 *    from the summaries), the run (durable and searchable when it resolves: checked by a
 *    `tag:` search counting the items) and its undo; each run and undo repeated, medians shown.
 * 2. The cost of rules on import: the 2,225 real BBC articles imported into a fresh archive with
 *    no rule and with 20 enabled rules, alternately; ms per article, medians.
 * Writes bench/results/rules.md. Run: `npx tsx bench/rules.ts` (or BENCH_ONLY=rules npm run bench).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import type { Archive } from '../main/core/archiveApi'
import { openArchive } from '../main/core/openArchive'
import { ensureBenchArchive } from './corpus/benchArchive'
import { corpusDir } from './corpus/corpusPaths'

const QUICK = process.env.BENCH_QUICK === '1'
const ARTICLES = QUICK ? 10_000 : 100_000
const RUNS = 3
const IMPORT_RUNS = QUICK ? 1 : 3

/** Rules of growing reach over the generated corpus (places, agencies of its credits). */
const RULES: { query: string; tag: string }[] = [
  { query: 'agency:afp raqa', tag: 'Places/Syria/Raqqa' },
  { query: 'raqa OR aleppo', tag: 'Places/Syria' },
  { query: 'agency:afp', tag: 'Agencies/AFP' },
  { query: 'agency:afp OR agency:reuters OR agency:ap', tag: 'Wires' },
]

/** Twenty rules a desk might keep, for the import measure (places, agencies, subjects). */
const IMPORT_RULES = [
  'agency:afp',
  'agency:reuters',
  'agency:ap',
  'agency:epa',
  'agency:"getty images"',
  'london',
  'paris',
  'washington',
  'brussels',
  '"prime minister"',
  'election OR vote',
  'football OR rugby',
  'olympic*',
  'oil OR gas',
  'bank OR banks',
  'film OR cinema',
  'music',
  'mobile OR broadband',
  'court OR judge',
  'tax -sport',
]

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (t: number) =>
  t < 10 ? `${t.toFixed(1)} ms` : `${Math.round(t).toLocaleString('en')} ms`
const s = (t: number) => `${(t / 1000).toFixed(2)} s`

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await run()
  return { ms: performance.now() - started, value }
}

interface RuleRow {
  query: string
  tag: string
  matched: number
  changed: number
  preview: number
  run: number
  undo: number
}

async function measureRules(archive: Archive): Promise<RuleRow[]> {
  const rows: RuleRow[] = []
  for (const { query, tag } of RULES) {
    const previews: number[] = []
    const runs: number[] = []
    const undos: number[] = []
    let matched = 0
    let changed = 0
    // Saved without running, then run and undone RUNS times.
    const { rule } = await archive.saveRule({ query, tags: [tag] }, { run: false })
    for (let i = 0; i < RUNS; i++) {
      const p = await time(() => archive.previewRule(rule))
      previews.push(p.ms)
      matched = p.value.matched
      const r = await time(() => archive.runRule(rule.id))
      runs.push(r.ms)
      changed = r.value.changed
      // Durable when it resolved; searchable too: every item carries the tag in the index.
      const tagged = archive.list({ tag, limit: 0 }).total
      if (tagged !== changed) throw new Error(`${tag}: ${tagged} items tagged, run said ${changed}`)
      const found = await archive.search(`tag:"${tag}" type:article`, { limit: 1, facets: false })
      if (found.total !== changed) throw new Error(`${tag}: search finds ${found.total}`)
      const u = await time(() => archive.undoRuleRun(r.value.runId))
      undos.push(u.ms)
      console.log(
        `${query}: preview ${ms(p.ms)} (${p.value.matched} match), run ${s(r.ms)} (${changed} tagged), undo ${s(u.ms)}`,
      )
    }
    await archive.removeRule(rule.id)
    rows.push({
      query,
      tag,
      matched,
      changed,
      preview: median(previews),
      run: median(runs),
      undo: median(undos),
    })
  }
  return rows
}

interface ImportRow {
  rules: number
  perItem: number
  articles: number
}

async function measureImports(): Promise<ImportRow[]> {
  const bbc = join(corpusDir(), 'bbc-news', 'bbc')
  const results = new Map<number, number[]>([
    [0, []],
    [20, []],
  ])
  let articles = 0
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const count of [0, 20]) {
      const dir = await mkdtemp(join(tmpdir(), 'morgue-bench-rules-import-'))
      try {
        const archive = await openArchive(dir)
        for (const query of IMPORT_RULES.slice(0, count))
          await archive.saveRule({ query, tags: [`Rule/${query}`] }, { run: false })
        const t = await time(() => archive.importPaths([bbc]))
        articles = t.value.imported
        results.get(count)!.push(t.ms / articles)
        console.log(`import with ${count} rules: ${(t.ms / articles).toFixed(2)} ms/article`)
        await archive.close()
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }
  }
  return [...results].map(([rules, xs]) => ({ rules, perItem: median(xs), articles }))
}

async function main(): Promise<void> {
  const load0 = loadavg()
  const started = Date.now()
  const built = await time(() => ensureBenchArchive(ARTICLES))
  const buildSeconds = built.ms / 1000
  const archive = await openArchive(built.value, { importInWorker: false })
  // Measure the steady state, not the background work of an open.
  await archive.idle()
  let rows: RuleRow[]
  try {
    // A run stopped half-way leaves its rule: start from none.
    for (const r of archive.rules()) await archive.removeRule(r.id)
    rows = await measureRules(archive)
  } finally {
    await archive.close()
  }
  const imports = await measureImports()
  const load1 = loadavg()
  const [none, twenty] = imports
  const cpu = cpus()
  const md = [
    `## Tagging rules: ${ARTICLES.toLocaleString('en')} articles`,
    '',
    `bench/rules.ts: ${cpu[0]?.model ?? 'CPU'}, ${cpu.length} cores, Node ${process.version}; ` +
      `run ${new Date().toISOString().slice(0, 16)} UTC, ${((Date.now() - started) / 60000).toFixed(1)} min. ` +
      `Load average (1 / 5 min) at start ${load0[0].toFixed(1)} / ${load0[1].toFixed(1)}, at the end ` +
      `${load1[0].toFixed(1)} / ${load1[1].toFixed(1)} (a shared machine: figures grow with load).`,
    '',
    `A real archive of ${ARTICLES.toLocaleString('en')} generated bench-corpus articles (store, search ` +
      `index in its worker, near-duplicate signatures; kept in bench/.data, ${buildSeconds < 5 ? 'reused' : `built in ${buildSeconds.toFixed(0)} s`}). Each rule ` +
      `is saved, then previewed, run and undone ${RUNS} times; medians. The preview runs the query ` +
      'over the index (ids only) and counts what would change from the summaries. A run is durable ' +
      '(the store) and searchable (the index in memory; its segment file follows, covered by the ' +
      'index journal) when it resolves (checked after every run: `list --tag` and a `tag:` search ' +
      'count exactly the items tagged); its undo is one call.',
    '',
    '| rule | items matched | items tagged | preview | run (durable + searchable) | undo |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| \`${r.query}\` → ${r.tag} | ${r.matched.toLocaleString('en')} | ${r.changed.toLocaleString('en')} | ${ms(r.preview)} | ${s(r.run)} | ${s(r.undo)} |`,
    ),
    '',
    `Rules on import: the ${none.articles.toLocaleString('en')} BBC articles imported into a fresh ` +
      `archive with no rule and with 20 enabled rules (places, agencies, subjects), alternately, ` +
      `${IMPORT_RUNS} time${IMPORT_RUNS === 1 ? '' : 's'} each; the rules test every batch of new items ` +
      'in a small index of their own, in the search worker.',
    '',
    '| enabled rules | import, ms per article (median) |',
    '| ---: | ---: |',
    `| 0 | ${none.perItem.toFixed(2)} |`,
    `| 20 | ${twenty.perItem.toFixed(2)} (+${(twenty.perItem - none.perItem).toFixed(2)}) |`,
    '',
  ].join('\n')
  await writeFile(join(__dirname, 'results', 'rules.md'), md)
  console.log(md)
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
