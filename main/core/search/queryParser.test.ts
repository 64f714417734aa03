import { describe, expect, it } from 'vitest'
import { parseDay, parseQuery } from './queryParser'

describe('parseQuery', () => {
  it('reads words, phrases, fields, prefix and fuzzy with their positions', () => {
    const { clauses, error } = parseQuery(
      'raqa "wrong policies" photographer:"delil souleiman" pol* sulaman~2',
    )
    expect(error).toBeUndefined()
    expect(clauses).toEqual([
      {
        kind: 'term',
        field: null,
        text: 'raqa',
        prefix: false,
        fuzzy: 0,
        negated: false,
        start: 0,
        end: 4,
      },
      { kind: 'phrase', field: null, text: 'wrong policies', negated: false, start: 5, end: 21 },
      {
        kind: 'phrase',
        field: 'photographer',
        text: 'delil souleiman',
        negated: false,
        start: 22,
        end: 52,
      },
      {
        kind: 'term',
        field: null,
        text: 'pol',
        prefix: true,
        fuzzy: 0,
        negated: false,
        start: 53,
        end: 57,
      },
      {
        kind: 'term',
        field: null,
        text: 'sulaman',
        prefix: false,
        fuzzy: 2,
        negated: false,
        start: 58,
        end: 67,
      },
    ])
  })

  it('groups OR, negates - and NOT, ignores AND and parentheses', () => {
    const { clauses, error } = parseQuery('(gaza OR "west bank") AND -iran NOT tag:x')
    expect(error).toBeUndefined()
    expect(clauses.map((c) => [c.kind, c.negated])).toEqual([
      ['or', false],
      ['term', true],
      ['term', true],
    ])
    const or = clauses[0]
    expect(or.kind === 'or' && or.options.map((o) => o.text)).toEqual(['gaza', 'west bank'])
  })

  it('reads filters', () => {
    const { clauses } = parseQuery(
      'after:2023-10-01 before:2024 year:2016 type:photos is:untagged credit:empty credit:uncertain -type:article',
    )
    expect(clauses).toMatchObject([
      { kind: 'filter', filter: 'after', day: parseDay('2023-10-01') },
      { kind: 'filter', filter: 'before', day: parseDay('2024-01-01') },
      { kind: 'filter', filter: 'year', year: 2016 },
      { kind: 'filter', filter: 'type', type: 'photo' },
      { kind: 'filter', filter: 'untagged' },
      { kind: 'filter', filter: 'creditEmpty' },
      { kind: 'filter', filter: 'creditUncertain' },
      { kind: 'filter', filter: 'type', type: 'article', negated: true },
    ])
  })

  it('rejects impossible dates', () => {
    expect(parseDay('2023-02-30')).toBeNull()
    expect(parseDay('2023-13')).toBeNull()
    expect(parseDay('2023-1-5')).toBe(Date.UTC(2023, 0, 5) / 86_400_000)
  })

  it('never throws, and points at the first problem', () => {
    for (const q of ['"', '-', 'OR', 'a OR', 'x:', '~', '*', 'a~9', '"""', 'NOT', ':', '-"']) {
      expect(() => parseQuery(q)).not.toThrow()
    }
    expect(parseQuery('gaza "west bank').error).toEqual({
      message: 'This quote is never closed.',
      start: 5,
      end: 6,
    })
    expect(parseQuery('gaza OR').error).toMatchObject({ start: 5, end: 7 })
    expect(parseQuery('a~9').error).toMatchObject({ message: expect.stringContaining('at most 2') })
  })
})

describe('problems that empty the result', () => {
  it('an unknown field or a malformed filter is fatal; an unclosed quote is not', () => {
    expect(parseQuery('foo:bar raqa')).toMatchObject({ fatal: true, error: { start: 0, end: 3 } })
    expect(parseQuery('after:2023-13-45')).toMatchObject({ fatal: true, error: { start: 6 } })
    expect(parseQuery('raqa "open').fatal).toBeUndefined()
    expect(parseQuery('https://example.org/x').error).toBeUndefined()
  })

  it('reads is:undated', () => {
    expect(parseQuery('is:undated').clauses).toEqual([
      { kind: 'filter', filter: 'undated', start: 0, end: 10, negated: false },
    ])
  })
})
