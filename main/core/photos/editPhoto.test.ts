import { describe, expect, it } from 'vitest'
import type { Article, Photo } from '../model'
import { applyPhotoEdit, keepPhotoEdits } from './editPhoto'
import { parseRef, photoRef } from './photoRef'
import { changeAllTags, changeTags, groupRefs, refsWithTag } from './photoTags'

const photo: Photo = {
  id: 'p0',
  caption: 'Fighters in Raqa.',
  credit: {
    raw: 'DELIL SOULEIMAN / AFP',
    photographer: 'Delil Souleiman',
    agency: 'AFP',
    agencies: ['AFP'],
    agencyIds: ['afp'],
    confidence: 0.6,
    uncertain: true,
  },
}
const AT = '2026-01-02T03:04:05.000Z'

describe('applyPhotoEdit', () => {
  it('sets only the fields given, keeps the printed credit and the original parse', () => {
    const edited = applyPhotoEdit(photo, { agency: 'Getty Images', via: ['AFP'] }, AT)
    expect(edited.credit).toEqual({
      raw: 'DELIL SOULEIMAN / AFP',
      photographer: 'Delil Souleiman',
      agency: 'Getty Images',
      agencies: ['Getty Images'],
      agencyIds: ['getty'],
      via: ['AFP'],
      confidence: 1,
      uncertain: false,
    })
    expect(edited.caption).toBe('Fighters in Raqa.')
    expect(edited.edited).toEqual({
      at: AT,
      fields: ['agency', 'via'],
      original: { caption: photo.caption, credit: photo.credit },
    })
  })

  it('adds fields to an earlier correction and keeps the first original', () => {
    const once = applyPhotoEdit(photo, { photographers: ['  Delil   Souleiman '] }, AT)
    const twice = applyPhotoEdit(once, { caption: ' New caption. ', for: 'Le Monde' }, AT)
    expect(twice.edited?.fields).toEqual(['photographer', 'caption', 'for'])
    expect(twice.edited?.original.credit).toBe(photo.credit)
    expect(twice.caption).toBe('New caption.')
    expect(twice.credit?.for).toBe('Le Monde')
  })

  it('clears a credit a person empties, when nothing was printed either', () => {
    const bare: Photo = { id: 'p1', caption: '', credit: null }
    const given = applyPhotoEdit(bare, { photographers: ['Ed Jones'] }, AT)
    expect(given.credit).toMatchObject({ raw: '', photographer: 'Ed Jones', agency: null })
    expect(applyPhotoEdit(given, { photographers: [] }, AT).credit).toBeNull()
  })

  it('refuses an empty patch, names with “;” and over-long names', () => {
    expect(() => applyPhotoEdit(photo, {}, AT)).toThrow(/Nothing to change/)
    expect(() => applyPhotoEdit(photo, { photographers: ['A; B'] }, AT)).toThrow(/;/)
    expect(() => applyPhotoEdit(photo, { agency: 'x'.repeat(201) }, AT)).toThrow(/at most 200/)
  })
})

describe('keepPhotoEdits', () => {
  it('puts back what a person set over a fresh parse and keeps the rest fresh', () => {
    const edited = applyPhotoEdit(photo, { agency: 'Getty Images', caption: 'Mine.' }, AT)
    const fresh: Photo = {
      ...photo,
      credit: { ...photo.credit!, photographer: 'Delil Souleïman', uncertain: false },
    }
    const kept = keepPhotoEdits(fresh, edited)
    expect(kept.caption).toBe('Mine.')
    expect(kept.credit).toMatchObject({ photographer: 'Delil Souleïman', agency: 'Getty Images' })
    expect(kept.edited?.original.credit?.photographer).toBe('Delil Souleïman')
  })

  it('leaves a photo never corrected as parsed', () => {
    const fresh = { ...photo, caption: 'Other.' }
    expect(keepPhotoEdits(fresh, photo)).toBe(fresh)
  })
})

describe('photo refs and tags', () => {
  const article: Article = {
    id: '0123456789abcdef',
    kind: 'article',
    title: 'T',
    tags: ['Syria'],
    archivedAt: AT,
    contentHash: 'h',
    body: [],
    photos: [photo, { id: 'p1', caption: '', credit: null, tags: ['syria', 'Boats'] }],
  }

  it('parses ARTICLE/p0 and refuses what is not a ref', () => {
    expect(parseRef('0123456789abcdef/p1')).toEqual({ itemId: '0123456789abcdef', photoId: 'p1' })
    expect(parseRef('0123456789abcdef')).toEqual({ itemId: '0123456789abcdef' })
    expect(parseRef('a/b/c')).toBeNull()
    expect(parseRef('../etc')).toBeNull()
    expect(photoRef(article, 'p1')).toBe('0123456789abcdef/p1')
    expect(photoRef({ id: 'abc', kind: 'photo' }, 'p0')).toBe('abc')
  })

  it('changes a photo’s tags apart from its article’s, and reports no change as null', () => {
    const { targets } = groupRefs(['0123456789abcdef/p0'])
    const tagged = changeTags(article, targets.get(article.id)!, (t) => [...t, 'Raqa'])
    expect(tagged?.tags).toEqual(['Syria'])
    expect(tagged?.kind === 'article' && tagged.photos[0].tags).toEqual(['Raqa'])
    expect(changeTags(article, targets.get(article.id)!, (t) => [...t])).toBeNull()
  })

  it('renames a tag on the article and on every photo, and lists who had it for undo', () => {
    const renamed = changeAllTags(article, (ts) =>
      ts.map((t) => (t.toLowerCase() === 'syria' ? 'SY' : t)),
    )
    expect(renamed?.tags).toEqual(['SY'])
    expect(renamed?.kind === 'article' && renamed.photos[1].tags).toEqual(['SY', 'Boats'])
    expect(refsWithTag(article, 'syria')).toEqual([article.id, `${article.id}/p1`])
  })
})
