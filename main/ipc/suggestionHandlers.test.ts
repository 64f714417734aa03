import { describe, expect, it } from 'vitest'
import { createArchive } from '../core/archive'
import type { Article } from '../core/model'
import { createSearchEngine } from '../core/search'
import { createMemoryStore } from '../core/storage'
import { GuardError, guards } from './guards'
import { createHandlers } from './handlers'

describe('suggestion calls over the bridge', () => {
  it('guards refuse bad ids, bad base64 and bad language tags', () => {
    const refused = (f: () => unknown) => expect(f).toThrow(GuardError)
    refused(() => guards.suggest(['../etc']))
    refused(() => guards.rejectSuggestion(['0123456789abcdef', '']))
    refused(() => guards.importVocabulary(['kw.txt', 'not base64!']))
    refused(() => guards.importVocabulary(['kw.txt', 'UmFxcWEK', 'en_GB; drop']))
    expect(guards.importVocabulary(['kw.txt', 'UmFxcWEK', 'en-GB'])).toEqual([
      'kw.txt',
      'UmFxcWEK',
      'en-GB',
    ])
  })

  it('imports a list sent as base64, suggests from it, and reports a bad file as a reason', async () => {
    const engine = createSearchEngine({ dir: null, workers: 0 })
    await engine.open(async function* () {}, 0)
    const archive = createArchive({ store: createMemoryStore(), search: engine, importers: [] })
    const story: Article = {
      kind: 'article',
      id: '0123456789abcdef',
      title: 'Raqqa at night',
      body: ['Quiet streets.'],
      photos: [],
      tags: [],
      archivedAt: '2026-11-20T09:15:00.000Z',
      contentHash: 'h',
    }
    await archive.restore([story])
    const api = createHandlers(archive, { emit: () => undefined })
    const base64 = Buffer.from('Raqqa\n').toString('base64')
    expect(await api.importVocabulary('kw.txt', base64)).toMatchObject({
      ok: true,
      value: { name: 'kw.txt', terms: 1, format: 'plain' },
    })
    const r = await api.suggest(story.id)
    expect(r.ok && r.value.suggestions.map((s) => s.tag)).toEqual(['Raqqa'])
    expect(await api.rejectSuggestion(story.id, 'Raqqa')).toEqual({ ok: true, value: undefined })
    const again = await api.suggest(story.id)
    expect(again.ok && again.value.suggestions).toEqual([])
    const bad = await api.importVocabulary('x.json', Buffer.from('{"a":1}').toString('base64'))
    expect(bad).toEqual({
      ok: false,
      reason:
        'x.json is JSON but holds no SKOS concepts (objects with a prefLabel): nothing was imported.',
    })
    await archive.close()
  })
})
