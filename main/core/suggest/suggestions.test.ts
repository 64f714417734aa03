import { afterEach, describe, expect, it } from 'vitest'
import { createArchive } from '../archive'
import type { Archive } from '../archiveApi'
import type { Article } from '../model'
import { openArchive } from '../openArchive'
import { createSearchEngine } from '../search'
import { createMemoryStore } from '../storage'
import { tempDir } from '../../../tests/helpers'

function article(id: string, title: string, body: string[], extra: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id,
    title,
    body,
    photos: [],
    tags: [],
    archivedAt: '2026-11-20T09:15:00.000Z',
    contentHash: `hash-${id}`,
    ...extra,
  }
}

const open: Archive[] = []
afterEach(async () => {
  for (const a of open.splice(0)) await a.close()
})

async function memoryArchive(items: Article[]): Promise<Archive> {
  const engine = createSearchEngine({ dir: null, workers: 0 })
  await engine.open(async function* () {}, 0)
  const archive = createArchive({ store: createMemoryStore(), search: engine, importers: [] })
  open.push(archive)
  await archive.restore(items)
  return archive
}

const list = (text: string) => Buffer.from(text, 'utf8')

describe('suggest', () => {
  it('suggests vocabulary terms found in the item as their full paths, not other terms', async () => {
    const a = await memoryArchive([
      article('a1', 'Fighting in Raqqa', ['Kurdish forces entered the city of Raqqa on Monday.']),
    ])
    await a.importVocabulary(
      list('Places\n\tSyria\n\t\tRaqqa\n\tIraq\n\t\tMosul\nKurdish\n'),
      'kw.txt',
    )
    const r = await a.suggest('a1')
    expect(r.suggestions.map((s) => s.tag).sort()).toEqual(['Kurdish', 'Places/Syria/Raqqa'])
    const raqqa = r.suggestions.find((s) => s.tag === 'Places/Syria/Raqqa')
    expect(raqqa).toMatchObject({ matched: 'Raqqa', count: 2, fields: ['title', 'body'] })
  })

  it('ranks a name particular to the item above one every item mentions, and title hits higher', async () => {
    const common = (i: number) =>
      article(`c${i}`, `Story ${i}`, ['The government said the budget grows.'])
    const a = await memoryArchive([
      ...Array.from({ length: 8 }, (_, i) => common(i)),
      article('x', 'Budget row over Mosul', [
        'The government said Mosul needs a budget; Mosul waits.',
      ]),
    ])
    await a.importVocabulary(list('government\nbudget\nMosul\n'), 'kw.txt')
    const r = await a.suggest('x')
    expect(r.suggestions.map((s) => s.tag)).toEqual(['Mosul', 'budget', 'government'])
    const [mosul, budget, government] = r.suggestions
    expect(mosul.documents).toBe(1)
    expect(budget.documents).toBe(9)
    // budget (in the title) outranks government (body only), equally common.
    expect(budget.score).toBeGreaterThan(government.score)
  })

  it('finds terms in captions and credits, synonyms and name variants of the archive', async () => {
    const a = await memoryArchive([
      article('p', 'Leader speaks', ['Crowds gathered.'], {
        photos: [
          {
            id: 'p0',
            caption: 'Supporters of Qadhafi in Tripoli.',
            credit: {
              raw: 'MAHMUD TURKIA / AFP',
              photographer: 'Mahmud Turkia',
              agency: 'AFP',
              agencies: ['AFP'],
              agencyIds: ['afp'],
              confidence: 0.95,
            },
          },
        ],
      }),
    ])
    await a.importVocabulary(
      list(
        '[People]\n\tMuammar Gaddafi\n\t\t{Gaddafi}\n[Agencies]\n\tAgence France-Presse\n\t\t{AFP}\n',
      ),
      'kw.txt',
    )
    const tags = (await a.suggest('p')).suggestions.map((s) => [s.tag, s.fields, s.matched])
    // Qadhafi is a starter-list variant of Gaddafi.
    expect(tags).toContainEqual(['People/Muammar Gaddafi', ['caption'], 'Qadhafi'])
    expect(tags).toContainEqual(['Agencies/Agence France-Presse', ['credit'], 'AFP'])
  })

  it('uses the archive’s own tags as vocabulary (their last path segment) and skips tags the item has', async () => {
    const a = await memoryArchive([
      article('t1', 'Old story', ['Nothing here.'], { tags: ['Places/Syria/Raqqa', 'Syria'] }),
      article('t2', 'Raqqa and Syria again', ['Raqqa was shelled, Syria said.'], {
        tags: ['Syria'],
      }),
    ])
    const r = await a.suggest('t2')
    expect(r.suggestions.map((s) => [s.tag, s.source])).toEqual([['Places/Syria/Raqqa', 'tag']])
  })

  it('does not take a common word for a capitalised name, nor a stem for a name', async () => {
    const a = await memoryArchive([
      article('s', 'Federal sales rise', [
        'Sales rose at the federal level, the federal agency said.',
      ]),
    ])
    await a.importVocabulary(list('Federer\nSale Sharks\n'), 'kw.txt')
    expect((await a.suggest('s')).suggestions).toEqual([])
  })

  it('needs more than one passing mention deep in the body', async () => {
    const a = await memoryArchive([
      article('w', 'Budget day', [
        'The budget is out.',
        'Markets rose.',
        'Mosul was not mentioned.',
      ]),
      article('w2', 'Budget day', ['The budget is out.', 'Mosul waits.', 'Mosul again.']),
    ])
    await a.importVocabulary(list('Mosul\n'), 'kw.txt')
    expect((await a.suggest('w')).suggestions).toEqual([])
    expect((await a.suggest('w2')).suggestions.map((s) => s.tag)).toEqual(['Mosul'])
    expect((await a.suggest('w', { minWeight: 0 })).suggestions.map((s) => s.tag)).toEqual([
      'Mosul',
    ])
  })

  it('shows one chip for terms found at the same places, the one written as in the text', async () => {
    const a = await memoryArchive([
      article('d', 'Lib Dems unveil slogan', ['The Lib Dems said the slogan was ready.']),
    ])
    await a.importVocabulary(list('Politics\n\tLib Dem\n\tLib Dems\n'), 'kw.txt')
    expect((await a.suggest('d')).suggestions.map((s) => s.tag)).toEqual(['Politics/Lib Dems'])
  })

  it('offers new names the vocabulary does not know, filed under their branch', async () => {
    const a = await memoryArchive([
      article('n', 'Blair meets Chirac in Paris', [
        'Prime Minister Tony Blair met Jacques Chirac in Paris on Tuesday, Microsoft said.',
        'Blair later flew to London.',
      ]),
    ])
    await a.importVocabulary(list('Places\n\tLondon\n'), 'kw.txt')
    const names = (await a.suggest('n')).newNames
    expect(names.find((n) => n.name === 'Tony Blair')).toMatchObject({
      kind: 'person',
      // Named in full once and as "Blair" twice (title and body): one name, three times.
      count: 3,
      path: 'People/Tony Blair',
    })
    expect(names.find((n) => n.name === 'Paris')).toMatchObject({
      kind: 'place',
      path: 'Places/Paris',
    })
    // London is in the vocabulary: a suggestion, not a new name.
    expect(names.map((n) => n.name)).not.toContain('London')
    expect(names.map((n) => n.name)).not.toContain('Blair')
  })
})

describe('rejections and keyword lists are kept in the archive', () => {
  it('remembers a rejection for that item only, across reopening; a list can be removed', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      let a = await openArchive(dir)
      await a.restore([
        article('r1', 'Raqqa and Mosul', ['Fighting in Raqqa and Mosul.']),
        article('r2', 'Raqqa today', ['Raqqa is quiet.']),
      ])
      const info = await a.importVocabulary(list('Raqqa\nMosul\n'), 'desk.txt', { name: 'Desk' })
      expect(info).toMatchObject({ name: 'Desk', terms: 2, format: 'plain' })
      await a.rejectSuggestion('r1', 'raqqa')
      await a.close()

      a = await openArchive(dir)
      open.push(a)
      expect(a.vocabularyLists().map((l) => [l.name, l.terms])).toEqual([['Desk', 2]])
      const r1 = await a.suggest('r1')
      expect(r1.suggestions.map((s) => s.tag)).toEqual(['Mosul'])
      expect(r1.rejected).toEqual(['raqqa'])
      expect((await a.suggest('r2')).suggestions.map((s) => s.tag)).toEqual(['Raqqa'])

      await a.unrejectSuggestion('r1', 'Raqqa')
      expect((await a.suggest('r1')).suggestions.map((s) => s.tag).sort()).toEqual([
        'Mosul',
        'Raqqa',
      ])

      await a.removeVocabulary('Desk')
      expect(a.vocabularyLists()).toEqual([])
      expect((await a.suggest('r1')).suggestions).toEqual([])
    } finally {
      await cleanup()
    }
  })

  it('a bad file imports nothing and leaves the lists as they were', async () => {
    const a = await memoryArchive([article('b', 'x', ['y'])])
    await a.importVocabulary(list('Raqqa\n'), 'good.txt')
    await expect(a.importVocabulary(list('{"not": "skos"}'), 'bad.json')).rejects.toThrow(
      'bad.json is JSON but holds no SKOS concepts',
    )
    expect(a.vocabularyLists().map((l) => l.name)).toEqual(['good.txt'])
  })

  it('refuses an unknown item', async () => {
    const a = await memoryArchive([])
    await expect(a.suggest('nope')).rejects.toThrow('No item with id nope.')
  })
})
