import { describe, expect, it } from 'vitest'
import {
  inSubtree,
  keywordPath,
  MAX_TAG_LENGTH,
  normalizeTag,
  parentKey,
  tagKey,
  tagProblem,
} from './tags'

describe('tag paths', () => {
  it('normalise spaces around separators and doubled separators', () => {
    expect(normalizeTag(' Places /  Syria//Raqqa ')).toBe('Places/Syria/Raqqa')
    expect(normalizeTag('/Places/Syria/')).toBe('Places/Syria')
    expect(normalizeTag('Middle   East / Gaza  Strip')).toBe('Middle East/Gaza Strip')
    expect(normalizeTag('Iran')).toBe('Iran')
  })

  it('have a case-insensitive identity per segment', () => {
    expect(tagKey('places / SYRIA')).toBe(tagKey('Places/Syria'))
    expect(tagKey('Places/Syria')).not.toBe(tagKey('Places/Syriana'))
  })

  it('know their parent and subtree', () => {
    expect(parentKey('places/syria/raqqa')).toBe('places/syria')
    expect(parentKey('places')).toBeNull()
    expect(inSubtree('places/syria/raqqa', 'places/syria')).toBe(true)
    expect(inSubtree('places/syria', 'places/syria')).toBe(true)
    expect(inSubtree('places/syriana', 'places/syria')).toBe(false)
    expect(inSubtree('places', 'places/syria')).toBe(false)
  })

  it('refuse empty names, only separators and over-long names', () => {
    expect(tagProblem('')).toBe('A tag cannot be empty.')
    expect(tagProblem('   ')).toBe('A tag cannot be empty.')
    expect(tagProblem(' / // ')).toMatch(/only separators/)
    expect(tagProblem('x'.repeat(MAX_TAG_LENGTH + 1))).toMatch(/at most 200 characters/)
    expect(tagProblem('x'.repeat(MAX_TAG_LENGTH))).toBeNull()
    expect(tagProblem('Places/Syria')).toBeNull()
  })

  it('read Lightroom hierarchical keywords as paths', () => {
    expect(keywordPath('Places|Syria|Raqqa')).toBe('Places/Syria/Raqqa')
    expect(keywordPath(' Places | Syria ')).toBe('Places/Syria')
    expect(keywordPath('Iran')).toBe('Iran')
  })
})
