import { describe, expect, it } from 'vitest'
import { TermMatcher } from './termMatcher'

const found = (names: string[][], text: string) =>
  new TermMatcher(names).match(text).map((m) => [m.entry, text.slice(m.start, m.end)])

describe('TermMatcher', () => {
  it('finds whole words with the folding search uses (case, diacritics, spellings, hyphens)', () => {
    const names = [['Souleïman'], ['Müller'], ['Wal-Mart'], ['election'], ['O’Neill']]
    const text =
      'SOULEIMAN met Mueller and Muller at Walmart, then the Wal Mart; elections; ONeill spoke.'
    expect(found(names, text)).toEqual([
      [0, 'SOULEIMAN'],
      [1, 'Mueller'],
      [1, 'Muller'],
      [2, 'Walmart,'],
      [2, 'Wal Mart;'],
      [3, 'elections;'],
      [4, 'ONeill'],
    ])
  })

  it('never matches inside a word', () => {
    expect(found([['Iran'], ['war']], 'Iranian software warns')).toEqual([])
  })

  it('matches phrases across stop words and keeps the longest where names overlap', () => {
    const names = [['Bank of England'], ['England'], ['New York'], ['York']]
    expect(found(names, 'The Bank of England and New York, not York.')).toEqual([
      [0, 'Bank of England'],
      [2, 'New York,'],
      [3, 'York.'],
    ])
  })

  it('matches short capitalised names only in capitals, even stop words like US or WHO', () => {
    const names = [['US'], ['WHO'], ['U.N.']]
    expect(found(names, 'The US and the WHO told us who the UN is.')).toEqual([
      [0, 'US'],
      [1, 'WHO'],
      [2, 'UN'],
    ])
  })

  it('finds an entry under any of its names and says which', () => {
    const m = new TermMatcher([['Raqqa', 'Raqa', 'al-Raqqah']])
    const hits = m.match('In Raqa and al-Raqqah')
    expect(hits.map((h) => h.form)).toEqual([1, 2])
  })
})
