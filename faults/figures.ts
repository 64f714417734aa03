import type { FaultFigures } from './runFaults'

/** The fault suite's figures as the Markdown block of docs/RELIABILITY.md. */
export function formatFigures(
  f: FaultFigures,
  run: { date: string; machine: string; seconds: number },
): string {
  const kinds = Object.entries(f.byKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')
  return [
    `Run ${run.date} on ${run.machine}, ${run.seconds} s (\`npm run faults -- ${f.rounds}\`):`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| kill -9 rounds | ${f.rounds} |`,
    `| acknowledged writes | ${f.acknowledgedWrites} (${kinds}) |`,
    `| acknowledged writes lost | ${f.lost} |`,
    `| opens failed or damaged after a kill | ${f.opensFailed} |`,
    ...f.damageCases.map(
      (d) =>
        `| damage: ${d.name} | ${d.detected ? 'detected' : 'NOT detected'}, ${d.repaired ? 'repaired from backup' : 'NOT repaired'} |`,
    ),
    `| importer fuzz: mutated inputs / crashes / archive damaged after | ${f.importerFuzz.inputs} / ${f.importerFuzz.crashes} / ${f.importerFuzz.opensFailed} |`,
    `| query fuzz: queries / crashes | ${f.queryFuzz.queries} / ${f.queryFuzz.crashes} |`,
  ].join('\n')
}
