import { describe, expect, it } from 'vitest'
import { GuardError, guards } from './guards'

describe('rule guards', () => {
  it('pass well-formed rule calls through', () => {
    const input = { query: 'agency:afp raqqa', tags: ['Places/Syria/Raqqa'] }
    expect(guards.previewRule([input])).toEqual([input])
    expect(guards.saveRule([{ ...input, id: '0a1b2c3d' }, { confirmWholeArchive: true }])).toEqual([
      { ...input, id: '0a1b2c3d' },
      { confirmWholeArchive: true },
    ])
    expect(guards.moveRule(['0a1b2c3d', 2])).toEqual(['0a1b2c3d', 2])
    expect(guards.undoRuleRun(['0123456789ab'])).toEqual(['0123456789ab'])
  })

  it('refuse rules without tags, unknown keys, bad ids and positions', () => {
    const refused = (f: () => unknown) => expect(f).toThrow(GuardError)
    refused(() => guards.previewRule([{ query: 'raqqa', tags: [] }]))
    refused(() => guards.previewRule([{ query: 'raqqa', tags: ['x'], evil: 1 }]))
    refused(() => guards.saveRule([{ query: 'raqqa', tags: ['x'], id: '../x' }]))
    refused(() => guards.saveRule([{ query: 'x'.repeat(2001), tags: ['x'] }]))
    refused(() => guards.moveRule(['0a1b2c3d', -1]))
    refused(() => guards.moveRule(['0a1b2c3d', 1.5]))
    refused(() => guards.runRule(['0a1b2c3d', { yes: true }]))
    refused(() => guards.undoRuleRun(['short']))
  })
})
