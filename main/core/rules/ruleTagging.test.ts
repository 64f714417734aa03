import { describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { reconcileRuleTags, tagsToAdd, withoutRunTags, withRuleTags } from './ruleTagging'

const item = (extra: Partial<Article> = {}): Article => ({
  kind: 'article',
  id: '00000000000000a1',
  title: 'Return to Raqqa',
  tags: [],
  archivedAt: '2024-01-01T00:00:00.000Z',
  contentHash: 'x',
  body: ['Families came back.'],
  photos: [],
  ...extra,
})
const add = (tag: string, ruleId = 'r1') => ({ tag, key: tag.toLowerCase(), ruleId })

describe('rule tags on an item', () => {
  it('adds only tags the item lacks and the user has not declined, recording the rule', () => {
    const before = item({ tags: ['syria'], declinedRuleTags: ['war'] })
    expect(tagsToAdd(before, [add('Syria'), add('War'), add('Raqqa')])).toEqual([add('Raqqa')])
    const after = withRuleTags(before, [add('Syria'), add('Raqqa'), add('raqqa', 'r2')])
    expect(after.tags).toEqual(['syria', 'Raqqa'])
    expect(after.ruleTags).toEqual({ raqqa: 'r1' })
    expect(withRuleTags(after, [add('Raqqa')])).toBe(after)
  })

  it('turns a removed rule tag into a declined one, and a re-added one back into the user’s', () => {
    const tagged = item({ tags: ['Raqqa', 'War'], ruleTags: { raqqa: 'r1', war: 'r2' } })
    const removed = reconcileRuleTags({ ...tagged, tags: ['War'] })
    expect(removed.ruleTags).toEqual({ war: 'r2' })
    expect(removed.declinedRuleTags).toEqual(['raqqa'])
    const back = reconcileRuleTags({ ...removed, tags: ['War', 'raqqa'] })
    expect(back.declinedRuleTags).toBeUndefined()
    expect(back.ruleTags).toEqual({ war: 'r2' })
    expect(reconcileRuleTags(tagged)).toBe(tagged)
    const plain = item({ tags: ['x'] })
    expect(reconcileRuleTags(plain)).toBe(plain)
  })

  it('undoes a run’s tags only where the run’s rule still owns them, declining nothing', () => {
    const tagged = item({ tags: ['Raqqa', 'War', 'Mine'], ruleTags: { raqqa: 'r1', war: 'r2' } })
    const undone = withoutRunTags(tagged, ['raqqa', 'war', 'mine'], 'r1')!
    expect(undone.tags).toEqual(['War', 'Mine'])
    expect(undone.ruleTags).toEqual({ war: 'r2' })
    expect(undone.declinedRuleTags).toBeUndefined()
    expect(withoutRunTags(undone, ['raqqa'], 'r1')).toBeUndefined()
    expect(withoutRunTags(withoutRunTags(undone, ['war'], 'r2')!, [], 'r2')).toBeUndefined()
    expect(withoutRunTags(undone, ['war'], 'r2')!.ruleTags).toBeUndefined()
  })
})
