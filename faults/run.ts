// `npm run faults [-- ROUNDS]`: the fault suite in full; writes its figures into docs/RELIABILITY.md.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { formatFigures } from './figures'
import { runFaults } from './runFaults'

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? process.env.FAULT_ROUNDS ?? 30)
  const work = await mkdtemp(join(os.tmpdir(), 'morgue-faults-'))
  const started = Date.now()
  try {
    const figures = await runFaults({
      work,
      rounds,
      fuzzInputs: 200,
      corpora: resolve(__dirname, '..', '..', 'shared', 'corpora'),
      log: (line) => console.log(line),
    })
    const block = formatFigures(figures, {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} cores, Node ${process.version}, ${os.platform()}`,
      seconds: Math.round((Date.now() - started) / 1000),
    })
    console.log(block)
    for (const what of figures.lostDetails) console.log(`lost: ${what}`)
    const doc = resolve(__dirname, '..', 'docs', 'RELIABILITY.md')
    const text = await readFile(doc, 'utf8')
    const start = text.indexOf('<!-- faults:start -->')
    const end = text.indexOf('<!-- faults:end -->')
    if (start < 0 || end < 0) throw new Error('docs/RELIABILITY.md has no faults block')
    await writeFile(
      doc,
      `${text.slice(0, start)}<!-- faults:start -->\n${block}\n${text.slice(end)}`,
    )
    const failed =
      figures.lost > 0 ||
      figures.opensFailed > 0 ||
      figures.damageCases.some((d) => !d.detected || !d.repaired) ||
      figures.importerFuzz.crashes + figures.queryFuzz.crashes + figures.importerFuzz.opensFailed >
        0
    process.exitCode = failed ? 1 : 0
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

void main()
