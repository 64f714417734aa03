import { describe, expect, it } from 'vitest'
import type { Article, Photo } from '../model'
import { mergeItems, mergeTags } from './mergeItems'
import { isSyncedSetting, mergeSettingValues } from './mergeSettings'
import { parseRemoteDoc } from './syncDocs'

const photo = (caption: string, at?: string): Photo => ({
  id: 'p0',
  caption,
  credit: {
    raw: 'Anna Weber/dpa',
    photographer: 'Anna Weber',
    agency: 'dpa',
    agencies: ['dpa'],
    agencyIds: ['dpa'],
  },
  ...(at ? { edited: { at, fields: ['caption'], original: { caption: 'x', credit: null } } } : {}),
})

const article = (over: Partial<Article>): Article => ({
  kind: 'article',
  id: '00000000000000a1',
  title: 'Harbour strike',
  tags: [],
  archivedAt: '2026-12-01T00:00:00Z',
  contentHash: 'h',
  body: ['Dockers walked out.'],
  photos: [photo('Dockers at the gate.')],
  ...over,
})

describe('mergeTags', () => {
  it('keeps both sides’ additions and a removal made on one side', () => {
    expect(mergeTags(['Strike', 'Old'], ['Strike', 'Ports'], ['Strike', 'Old', 'Labour'])).toEqual([
      'Strike',
      'Ports',
      'Labour',
    ])
  })
  it('without a shared base, the union by identity (first spelling kept)', () => {
    expect(mergeTags(undefined, ['Iran'], ['iran', 'US'])).toEqual(['Iran', 'US'])
  })
})

describe('mergeItems', () => {
  it('the later caption correction wins whichever side is local; the other is a conflict', () => {
    const a = {
      item: article({ photos: [photo('Main gate.', '2026-12-03T10:00:00Z')] }),
      rev: '3-a',
      updatedAt: '2026-12-03T10:00:01Z',
    }
    const b = {
      item: article({ photos: [photo('North gate.', '2026-12-03T11:00:00Z')] }),
      rev: '3-b',
      updatedAt: '2026-12-03T09:00:00Z',
    }
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const r = mergeItems(x, y, undefined, '2026-12-03T12:00:00Z')
      const merged = r.item as Article
      expect(merged.photos[0].caption).toBe('North gate.')
      expect(r.conflicts).toMatchObject([
        { ref: '00000000000000a1/p0', field: 'caption', kept: 'North gate.', other: 'Main gate.' },
      ])
    }
  })
  it('notes: the later write wins and the other note is kept', () => {
    const r = mergeItems(
      {
        item: article({ notes: 'Check the date.' }),
        rev: '2-a',
        updatedAt: '2026-12-03T10:00:00Z',
      },
      { item: article({ notes: 'Confirmed.' }), rev: '2-b', updatedAt: '2026-12-03T10:05:00Z' },
      undefined,
      '2026-12-03T12:00:00Z',
    )
    expect(r.item.notes).toBe('Confirmed.')
    expect(r.found).toBe(1)
    expect(r.conflicts[0]).toMatchObject({ field: 'notes', other: 'Check the date.' })
  })
})

describe('settings', () => {
  it('tag colours merge by tag and saved searches by name; per-desktop keys never sync', () => {
    expect(
      mergeSettingValues('tagColors', { iran: '#111111' }, { iran: '#222222', us: '#333333' }),
    ).toEqual({
      value: { iran: '#111111', us: '#333333' },
      lost: true,
    })
    expect(
      mergeSettingValues('savedSearches', [{ name: 'A', query: 'a' }], [{ name: 'B', query: 'b' }]),
    ).toEqual({
      value: [
        { name: 'A', query: 'a' },
        { name: 'B', query: 'b' },
      ],
      lost: false,
    })
    expect(mergeSettingValues('rules', [1], [2])).toEqual({ value: [1], lost: true })
    expect(['aliases', 'rules', 'vocabularies', 'tagColors'].every(isSyncedSetting)).toBe(true)
    expect(['feeds', 'captureToken', 'backup', 'feedRefreshMinutes'].some(isSyncedSetting)).toBe(
      false,
    )
  })
})

describe('parseRemoteDoc', () => {
  const head = { _rev: '2-bb', _revisions: { start: 2, ids: ['bb', 'aa'] } }
  it('reads a valid item document with its history', () => {
    const doc = {
      _id: 'item:00000000000000a1',
      ...head,
      type: 'item',
      v: 1,
      updatedAt: '2026-12-03T10:00:00Z',
      item: article({}),
    }
    expect(parseRemoteDoc(doc)).toMatchObject({
      kind: 'item',
      rev: '2-bb',
      history: ['2-bb', '1-aa'],
    })
  })
  it('names what is wrong with a bad one', () => {
    const bad = {
      _id: 'item:00000000000000a1',
      ...head,
      type: 'item',
      v: 1,
      updatedAt: '2026-12-03T10:00:00Z',
      item: { ...article({}), photos: 'none' },
    }
    expect(parseRemoteDoc(bad)).toMatch(/^item:00000000000000a1: item\.photos/)
    expect(
      parseRemoteDoc({
        _id: 'item:00000000000000a2',
        ...head,
        type: 'item',
        v: 1,
        updatedAt: 'x'.repeat(10),
        item: article({}),
      }),
    ).toMatch(/another id/)
    expect(parseRemoteDoc({ _id: 'other', ...head })).toBe('other: not a Morgue document')
  })
})
