import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readVocabulary } from './readVocabulary'

const fixtures = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'vocabulary')
const read = (name: string, lang?: string) =>
  readVocabulary(readFileSync(join(fixtures, name)), name, { lang })
const fromText = (text: string, name = 'list.txt', lang?: string) =>
  readVocabulary(Buffer.from(text, 'utf8'), name, { lang })

describe('plain keyword lists', () => {
  it('reads one term per line, skipping comments and blank lines', () => {
    const v = read('plain-keywords.txt')
    expect(v.format).toBe('plain')
    expect(v.terms.map((t) => t.path)).toEqual([
      'Raqqa',
      'Kurdish',
      'Islamic State',
      'Müller',
      'Wal-Mart',
    ])
  })

  it('keeps one term per tag identity (case and spacing folded)', () => {
    const v = fromText('Syria\nsyria\n Syria  \nIraq\n')
    expect(v.terms.map((t) => t.path)).toEqual(['Syria', 'Iraq'])
  })

  it('reads a Windows-1252 list with CRLF line ends', () => {
    const bytes = Buffer.from([
      0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68,
    ])
    expect(readVocabulary(bytes, 'latin.txt').terms.map((t) => t.path)).toEqual(['Café', 'Zürich'])
  })
})

describe('tab-indented hierarchies (Lightroom, Photo Mechanic)', () => {
  it('turns indentation into paths, [categories] into branches only, {synonyms} into names', () => {
    const v = read('lightroom-keywords.txt')
    expect(v.format).toBe('indented')
    const paths = v.terms.map((t) => t.path)
    expect(paths).toContain('Places/Middle East/Syria/Raqqa')
    expect(paths).toContain('People/Politicians/Tony Blair')
    // A [Category] is a branch of the paths below it, not a term to suggest.
    expect(paths).not.toContain('People')
    expect(paths).not.toContain('Organisations')
    expect(v.terms.find((t) => t.path === 'Places/Middle East/Syria/Raqqa')?.synonyms).toEqual([
      'Raqa',
      'al-Raqqah',
    ])
    expect(v.terms.find((t) => t.path === 'Organisations/Agence France-Presse')?.synonyms).toEqual([
      'AFP',
    ])
  })

  it('reads a Photo Mechanic list with CRLF line ends', () => {
    const v = read('photo-mechanic-keywords.txt')
    expect(v.format).toBe('indented')
    expect(v.terms.map((t) => t.path)).toEqual([
      'Sport',
      'Sport/Football',
      'Sport/Football/Chelsea',
      'Sport/Football/Arsenal',
      'Sport/Tennis',
      'Sport/Tennis/Wimbledon',
      'Business',
      'Business/Economy',
      'Business/Economy/Inflation',
    ])
  })

  it('accepts space indentation and keeps a slash inside a keyword as one segment', () => {
    const v = fromText('Media\n  TV/Radio\n    BBC\n')
    expect(v.terms.map((t) => t.path)).toEqual([
      'Media',
      'Media/TV - Radio',
      'Media/TV - Radio/BBC',
    ])
    expect(v.terms[1].synonyms).toEqual(['TV/Radio'])
  })
})

describe('SKOS', () => {
  it('reads IPTC Media Topics JSON: language maps, broader/narrower as paths, retired left out', () => {
    const v = read('mediatopic-sample.json')
    expect(v.format).toBe('skos-json')
    expect(v.terms).toEqual([
      { path: 'conflict, war and peace' },
      { path: 'conflict, war and peace/act of terror' },
      { path: 'conflict, war and peace/armed conflict', synonyms: ['war', 'fighting'] },
    ])
  })

  it('takes labels in the chosen language, falling back where a concept has none', () => {
    const fr = read('mediatopic-sample.json', 'fr')
    expect(fr.terms.map((t) => t.path)).toEqual([
      'conflit, guerre et paix',
      'conflit, guerre et paix/acte terroriste',
      'conflit, guerre et paix/conflit armé',
    ])
    // German: only the top concept has a German label; the others fall back to English.
    const de = read('mediatopic-sample.json', 'de')
    expect(de.terms.map((t) => t.path)).toContain('Konflikt, Krieg und Frieden/act of terror')
  })

  it('reads JSON-LD with an @graph, @value/@language labels and {"@id"} references', () => {
    const v = read('skos-jsonld.json')
    expect(v.terms).toEqual([
      { path: 'Places' },
      { path: 'Places/Kyiv', synonyms: ['Kiev'] },
      { path: 'Places/Zürich' },
    ])
    expect(read('skos-jsonld.json', 'de').terms.map((t) => t.path)).toEqual([
      'Orte',
      'Orte/Kiew',
      'Orte/Zürich',
    ])
  })

  it('reads RDF/XML: skos:Concept and typed rdf:Description, narrower and broader', () => {
    const v = read('skos-rdf.xml')
    expect(v.format).toBe('skos-rdf')
    expect(v.terms).toEqual([
      { path: 'sport' },
      { path: 'sport/football', synonyms: ['soccer'] },
      { path: 'sport/tennis' },
    ])
  })

  it('survives a cycle of broader concepts', () => {
    const doc = {
      '@graph': [
        {
          '@id': 'a',
          '@type': 'skos:Concept',
          'skos:prefLabel': 'A',
          'skos:broader': { '@id': 'b' },
        },
        {
          '@id': 'b',
          '@type': 'skos:Concept',
          'skos:prefLabel': 'B',
          'skos:broader': { '@id': 'a' },
        },
      ],
    }
    const v = fromText(JSON.stringify(doc), 'cycle.json')
    expect(v.terms.map((t) => t.path).sort()).toEqual(['A/B', 'B/A'])
  })
})

describe('files that are no keyword list', () => {
  const refused = (bytes: Buffer | string, name: string) => () =>
    readVocabulary(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, name)

  it('refuses binary data', () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0,
    ])
    expect(refused(jpeg, 'photo.txt')).toThrow('photo.txt is not a text file.')
  })

  it('refuses a web page, JSON and XML without concepts, broken JSON and XML', () => {
    expect(refused('<!DOCTYPE html><html><body>Hi</body></html>', 'page.xml')).toThrow(
      'page.xml is a web page, not a keyword list',
    )
    expect(refused('{"items":[{"title":"x"}]}', 'feed.json')).toThrow(
      'feed.json is JSON but holds no SKOS concepts',
    )
    expect(refused('<rss><channel><title>x</title></channel></rss>', 'feed.rdf')).toThrow(
      'feed.rdf is XML but holds no SKOS concepts',
    )
    expect(refused('{"@graph": [', 'cut.json')).toThrow('cut.json is broken JSON')
    expect(refused('<rdf:RDF><skos:Concept></rdf:RDF>', 'cut.rdf')).toThrow(/cut.rdf is broken XML/)
  })

  it('refuses running text and an empty file', () => {
    const prose = Array.from(
      { length: 6 },
      (_, i) => `This is sentence number ${i} of a story that goes on for quite a few words.`,
    ).join('\n')
    expect(refused(prose, 'story.txt')).toThrow('story.txt does not look like a keyword list')
    expect(refused('\n# only a comment\n\n', 'empty.txt')).toThrow(/holds no keywords|empty/)
  })
})
