import { describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { createSearchEngine, DEFAULT_ALIASES } from './index'
import {
  addVariants,
  groupsFromCsv,
  groupsInForce,
  groupsToCsv,
  mergeGroups,
  NameVariantError,
  normalizeGroups,
  removeName,
} from './nameVariants'

function article(id: string, title: string, body = ''): Article {
  return {
    kind: 'article',
    id,
    title,
    tags: [],
    archivedAt: '2024-01-01T00:00:00.000Z',
    contentHash: id,
    body: [body],
    photos: [],
  }
}

describe('editing name-variant groups', () => {
  it('merges groups that share a name, keeps the first spelling, drops singletons', () => {
    expect(
      normalizeGroups([
        ['Gaddafi', ' Qadhafi '],
        ['qadhafi', 'Kadhafi', 'KADHAFI'],
        ['alone'],
        ['Kyiv', 'Kiev'],
      ]),
    ).toEqual([
      ['Gaddafi', 'Qadhafi', 'Kadhafi'],
      ['Kyiv', 'Kiev'],
    ])
  })

  it('adds variants to the group of a name, or starts a group', () => {
    let groups = addVariants([], 'Gaddafi', ['Qadhafi'])
    groups = addVariants(groups, 'qadhafi', ['Kadhafi'])
    groups = addVariants(groups, 'Kyiv', ['Kiev'])
    expect(groups).toEqual([
      ['Gaddafi', 'Qadhafi', 'Kadhafi'],
      ['Kyiv', 'Kiev'],
    ])
    expect(() => addVariants(groups, 'Gaddafi', [])).toThrow(NameVariantError)
    expect(() => addVariants(groups, '  ', ['x'])).toThrow(/empty/)
  })

  it('removes a name, and a group left with one name', () => {
    const groups = [
      ['Gaddafi', 'Qadhafi', 'Kadhafi'],
      ['Kyiv', 'Kiev'],
    ]
    expect(removeName(groups, 'qadhafi')).toEqual([
      ['Gaddafi', 'Kadhafi'],
      ['Kyiv', 'Kiev'],
    ])
    expect(removeName(groups, 'Kiev')).toEqual([['Gaddafi', 'Qadhafi', 'Kadhafi']])
    expect(() => removeName(groups, 'Beijing')).toThrow(/No name variant group/)
  })

  it('merges chosen groups into the first', () => {
    const groups = [
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['c1', 'c2'],
    ]
    expect(mergeGroups(groups, [2, 0])).toEqual([
      ['a1', 'a2', 'c1', 'c2'],
      ['b1', 'b2'],
    ])
    expect(() => mergeGroups(groups, [1])).toThrow(/two groups/)
  })

  it('round-trips CSV, quoting names with commas and quotes', () => {
    const groups = [
      ['Mao Zedong', 'Mao Tse-tung'],
      ['Gaddafi', 'Qadhafi'],
      ['Smith, John', 'J. "Jack" Smith'],
      ['Müller', 'Mueller'],
    ]
    const csv = groupsToCsv(groups)
    expect(csv).toContain('"Smith, John","J. ""Jack"" Smith"')
    expect(groupsFromCsv(csv)).toEqual(groups)
    expect(groupsFromCsv('\uFEFF# comment\r\n\r\nKyiv;Kiev\nBeijing\tPeking\n')).toEqual([
      ['Kyiv', 'Kiev'],
      ['Beijing', 'Peking'],
    ])
  })

  it('names the line of a bad CSV row', () => {
    expect(() => groupsFromCsv('Kyiv,Kiev\nBeijing\n')).toThrow(/Line 2: “Beijing” needs/)
    expect(() => groupsFromCsv('Kyiv,Kiev\n"Beijing,Peking\n')).toThrow(/Line 2: a quote/)
  })

  it('the starter list is in force until the user edits the groups', () => {
    expect(groupsInForce({ aliases: [] }, DEFAULT_ALIASES)).toEqual(DEFAULT_ALIASES)
    expect(groupsInForce({ aliases: [], aliasesEdited: true }, DEFAULT_ALIASES)).toEqual([])
    expect(groupsInForce({ aliases: [['a', 'b']] }, DEFAULT_ALIASES)).toEqual([['a', 'b']])
  })

  it('ships transliterations of Arabic, Russian/Ukrainian and Chinese names', () => {
    const has = (...names: string[]) =>
      DEFAULT_ALIASES.some((g) => names.every((n) => g.includes(n)))
    expect(has('Muhammad', 'Mohammed', 'Mohamed')).toBe(true)
    expect(has('Gaddafi', 'Qadhafi', 'Kadhafi')).toBe(true)
    expect(has('Assad', 'al-Assad')).toBe(true)
    expect(has('Zelensky', 'Zelenskyy', 'Selenskyj')).toBe(true)
    expect(has('Kyiv', 'Kiev')).toBe(true)
    expect(has('Kharkiv', 'Kharkov')).toBe(true)
    expect(has('Tchaikovsky', 'Chaikovsky')).toBe(true)
    expect(has('Mao Zedong', 'Mao Tse-tung')).toBe(true)
    expect(has('Beijing', 'Peking')).toBe(true)
    expect(normalizeGroups(DEFAULT_ALIASES)).toEqual(DEFAULT_ALIASES)
  })
})

describe('name variants in search', () => {
  const list = [
    article('0000000000000001', 'Qadhafi speech in Tripoli'),
    article('0000000000000002', 'Mao Tse-tung and the Long March'),
    article('0000000000000003', 'President al-Assad visits Aleppo'),
    article('0000000000000004', 'Kiev talks', 'Officials in Kiev met.'),
    article('0000000000000005', 'Other news'),
  ]
  async function engine() {
    const e = createSearchEngine({ dir: null })
    await e.open(async function* () {
      yield* list
    }, list.length)
    return e
  }
  const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort()

  it('finds an existing article by a variant added after indexing (no rebuild)', async () => {
    const e = await engine()
    e.setAliases([])
    expect((await e.search('Ghaddafi')).total).toBe(0)
    e.setAliases([['Gaddafi', 'Qadhafi', 'Ghaddafi']])
    expect(ids(await e.search('Ghaddafi'))).toEqual(['0000000000000001'])
    expect(ids(await e.search('-ghaddafi tripoli'))).toEqual([])
    e.setAliases([])
    expect((await e.search('Ghaddafi')).total).toBe(0)
  })

  it('matches multi-word and hyphenated names through the starter list', async () => {
    const e = await engine()
    e.setAliases(DEFAULT_ALIASES.map((g) => [...g]))
    expect(ids(await e.search('mao zedong'))).toEqual(['0000000000000002'])
    expect(ids(await e.search('"Mao Zedong" march'))).toEqual(['0000000000000002'])
    expect(ids(await e.search('assad'))).toEqual(['0000000000000003'])
    expect(ids(await e.search('kyiv'))).toEqual(['0000000000000004'])
    expect(ids(await e.search('title:kyiv'))).toEqual(['0000000000000004'])
    expect(ids(await e.search('gaddafi'))).toEqual(['0000000000000001'])
    const r = await e.search('kyiv')
    const body = r.hits[0].snippets[1]
    expect(body.highlights.map(([s, end]) => body.text.slice(s, end))).toEqual(['Kiev'])
  })
})
