import { describe, expect, it } from 'vitest'
import { methods } from '../../preload/contract'
import { GuardError, guards } from './guards'

describe('guards', () => {
  it('cover every method of the contract', () => {
    expect(Object.keys(guards).sort()).toEqual([...methods].sort())
  })

  it('pass well-formed arguments through unchanged', () => {
    expect(guards.search(['souleiman', { limit: 20, sort: 'newest' }])).toEqual([
      'souleiman',
      { limit: 20, sort: 'newest' },
    ])
    expect(guards.search(['souleiman'])).toEqual(['souleiman'])
    expect(guards.addTags([['0123456789abcdef'], ['iran']])).toEqual([
      ['0123456789abcdef'],
      ['iran'],
    ])
    expect(guards.setTagColor(['iran', null])).toEqual(['iran', null])
    expect(guards.importUrl(['https://example.org/a'])).toEqual(['https://example.org/a'])
    expect(guards.fetchMissingImages([])).toEqual([])
    expect(guards.fetchMissingImages([['0123456789abcdef']])).toEqual([['0123456789abcdef']])
  })

  it('refuse wrong types, extra arguments, unknown option keys and unsafe values', () => {
    const refused = (f: () => unknown) => expect(f).toThrow(GuardError)
    refused(() => guards.search([42]))
    refused(() => guards.search(['q', { limit: 5000 }]))
    refused(() => guards.search(['q', { evil: true }]))
    refused(() => guards.search(['q', {}, 'extra']))
    refused(() => guards.get(['../../etc/passwd']))
    refused(() => guards.addTags([[], ['iran']]))
    refused(() => guards.setTagColor(['iran', 'red; background: url(x)']))
    refused(() => guards.openExternal(['javascript:alert(1)']))
    refused(() => guards.openExternal(['file:///etc/passwd']))
    refused(() => guards.importUrl(['not a url']))
    refused(() => guards.restoreItems(['short']))
    refused(() => guards.importPaths([[]]))
    refused(() => guards.completeField(['body', 'x']))
    refused(() => guards.setNameVariants([[['a', 7]]]))
    refused(() => guards.setNameVariants([[['x'.repeat(101), 'y']]]))
    refused(() => guards.importNameVariantsCsv(['a,b', 'append']))
    refused(() => guards.fetchMissingImages([['../x']]))
    refused(() => guards.fetchMissingImages([[]]))
  })

  it('take photo refs where photos can be tagged and corrected, and check the correction', () => {
    expect(guards.addTags([['0123456789abcdef/p0'], ['iran']])).toEqual([
      ['0123456789abcdef/p0'],
      ['iran'],
    ])
    expect(
      guards.editPhoto(['0123456789abcdef/p1', { photographers: ['A'], agency: null }]),
    ).toEqual(['0123456789abcdef/p1', { photographers: ['A'], agency: null }])
    expect(guards.setCreditStyle([{ style: 'ap', template: '' }])).toEqual([
      { style: 'ap', template: '' },
    ])
    const refused = (f: () => unknown) => expect(f).toThrow(GuardError)
    refused(() => guards.getPhoto(['0123456789abcdef/../x']))
    refused(() => guards.editPhoto(['0123456789abcdef/p0', { photographer: 'A' }]))
    refused(() => guards.editPhoto(['0123456789abcdef/p0', { agency: 'x'.repeat(201) }]))
    refused(() => guards.setCreditStyle([{ style: 'bbc', template: '' }]))
    refused(() => guards.formatCreditLine([{ caption: 'c' }]))
  })

  it('name the method and the argument in the message', () => {
    expect(() => guards.renameTag(['iran', 7])).toThrow(
      /renameTag: invalid arguments \(argument 1\)/,
    )
  })
})
