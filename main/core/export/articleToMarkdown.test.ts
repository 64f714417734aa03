import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { articleToMarkdown } from './articleToMarkdown'
import { memoryBlobs, sampleItems } from './testItems'

function split(text: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text)
  if (!m) throw new Error('no front matter')
  return { front: parse(m[1]), body: m[2] }
}

describe('articleToMarkdown', () => {
  const [article, photo, odd] = sampleItems(memoryBlobs().ref)

  it('writes front matter with source, url, byline, date, tags and photo credits', () => {
    const { fileName, text } = articleToMarkdown(article)
    expect(fileName).toBe('2017-06-06-kurdish-led-forces-enter-raqa-0123456789abcdef.md')
    const { front, body } = split(text)
    expect(front).toMatchObject({
      title: 'Kurdish-led forces enter Raqa',
      id: '0123456789abcdef',
      source: 'AFP',
      url: 'https://example.org/raqa',
      byline: 'Jane Reporter',
      published: '2017-06-06',
      tags: ['Syria', 'Conflict'],
      notes: 'Check the second photo credit.',
    })
    expect(front.photos).toEqual([
      {
        caption: 'Fighters in Raqa.',
        credit: 'DELIL SOULEIMAN / AFP',
        photographer: 'Delil Souleiman',
        agency: 'AFP',
        src: 'https://example.org/raqa.jpg',
        image: 'raqa.jpg',
      },
      {
        caption: 'A map of the area.',
        credit: 'Photo: Kevin Frayer/Getty Images',
        photographer: 'Kevin Frayer',
        agency: 'Getty Images',
      },
    ])
    expect(body).toBe(
      '# Kurdish-led forces enter Raqa\n\n*Jane Reporter*\n\nForces entered the city on Tuesday.\n\nResidents fled.\n',
    )
  })

  it('writes a standalone photo with its caption as the body', () => {
    const { fileName, text } = articleToMarkdown(photo)
    expect(fileName).toBe('2014-07-22-cast-member-vin-diesel-arrives-fedcba9876543210.md')
    const { front, body } = split(text)
    expect(front.kind).toBe('photo')
    expect((front.photos as unknown[])[0]).toMatchObject({ photographer: 'Mario Anzuoni' })
    expect(body).toContain('Cast member Vin Diesel arrives at the premiere.')
  })

  it('keeps odd titles safe in YAML and in the file name', () => {
    const { fileName, text } = articleToMarkdown(odd)
    expect(fileName).toBe('2026-11-24-quotes-and-commas-slashes-00000000000000aa.md')
    expect(split(text).front.title).toBe('Quotes "and", commas / slashes: مرحبا')
    const arabicOnly = articleToMarkdown({ ...odd, title: 'مرحبا بالعالم' })
    expect(arabicOnly.fileName).toBe('2026-11-24-article-00000000000000aa.md')
  })

  it('escapes body lines that Markdown would read as headings, quotes or lists', () => {
    const { text } = articleToMarkdown({
      ...odd,
      body: ['# not a heading', '- not a list', '1. not a list either', 'a *star*'],
    })
    expect(split(text).body).toContain(
      '\\# not a heading\n\n\\- not a list\n\n1\\. not a list either\n\na \\*star\\*',
    )
  })
})
