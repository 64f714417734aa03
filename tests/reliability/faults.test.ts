import { expect, it } from 'vitest'
import { runFaults } from '../../faults/runFaults'
import { tempDir } from '../helpers'

it('the short fault suite: kill -9 loses no acknowledged write; damage is found and repaired; fuzzing never crashes', async () => {
  const { dir, cleanup } = await tempDir('morgue-faults-')
  try {
    const f = await runFaults({ work: dir, rounds: 3, fuzzInputs: 15 })
    expect(f.rounds).toBe(3)
    expect(f.acknowledgedWrites).toBeGreaterThan(0)
    expect(f.lostDetails).toEqual([])
    expect(f.opensFailed).toBe(0)
    expect(f.damageCases.map((d) => [d.name, d.detected, d.repaired])).toEqual([
      ['truncate a shard', true, true],
      ['delete a shard', true, true],
      ['delete archive.json', true, true],
      ['alter a blob', true, true],
    ])
    expect(f.importerFuzz).toEqual({ inputs: 15, crashes: 0, opensFailed: 0 })
    expect(f.queryFuzz).toEqual({ queries: 150, crashes: 0 })
  } finally {
    await cleanup()
  }
}, 240_000)
