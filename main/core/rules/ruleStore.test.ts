import { describe, expect, it } from 'vitest'
import type { ArchiveSettings } from '../storage/itemStore'
import { readRules, writeRules } from './ruleStore'
import { describeQueryError, matchesEverything, ruleQueryError } from './ruleQuery'

const settings = (rules: unknown): ArchiveSettings =>
  ({ tagColors: {}, savedSearches: [], aliases: [], rules }) as unknown as ArchiveSettings

const rule = (id: string, order: number) => ({
  id,
  query: 'raqqa',
  tags: ['Syria'],
  enabled: true,
  order,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
})

describe('the rule list in the settings', () => {
  it('reads rules in order, leaving out entries that are not valid rules', () => {
    const read = readRules(
      settings([
        rule('0000000b', 5),
        { ...rule('0000000c', 1), tags: [] },
        'junk',
        { ...rule('0000000d', 2), enabled: 'yes' },
        rule('0000000a', 3),
      ]),
    )
    expect(read.map((r) => [r.id, r.order])).toEqual([
      ['0000000a', 0],
      ['0000000b', 1],
    ])
    expect(readRules(settings(undefined))).toEqual([])
    expect(readRules(settings({ not: 'a list' }))).toEqual([])
  })

  it('writes the list renumbered in the order given', () => {
    const s = settings([])
    writeRules(s, [rule('0000000b', 7), rule('0000000a', 0)])
    expect(readRules(s).map((r) => [r.id, r.order])).toEqual([
      ['0000000b', 0],
      ['0000000a', 1],
    ])
  })

  it('knows the queries that mean every item, and words a query problem with its place', () => {
    expect(matchesEverything('')).toBe(true)
    expect(matchesEverything('  * ')).toBe(true)
    expect(matchesEverything('raqqa*')).toBe(false)
    expect(ruleQueryError('*')).toBeUndefined()
    expect(ruleQueryError('agency:afp raqqa')).toBeUndefined()
    const error = ruleQueryError('raqqa after:2023-13-45')!
    expect(error.start).toBe(12)
    expect(describeQueryError('raqqa after:2023-13-45', error)).toMatch(
      /^The rule's query is not valid at 13–22 \(“2023-13-45”\): /,
    )
  })
})
