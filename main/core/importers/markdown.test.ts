import { describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../model'
import type { ImportContext } from './importer'
import { markdownImporter, stripInline } from './markdown'

const noContext = {} as ImportContext

async function importMarkdown(markdown: string, source = 'story.md'): Promise<ArticleDraft> {
  const [draft] = await markdownImporter.import(
    { source, bytes: new TextEncoder().encode(markdown), contentType: 'text/markdown' },
    noContext,
  )
  if (draft.kind !== 'article') throw new Error('expected an article')
  return draft
}

describe('markdownImporter', () => {
  it('reads front matter and the body as plain paragraphs', async () => {
    const draft = await importMarkdown(
      [
        '---',
        'title: "Raqa offensive: what we know"',
        'subtitle: Kurdish-led forces push north',
        'source: AFP',
        'url: https://example.org/raqa',
        'author: [Jane Doe, John Roe]',
        'date: 2016-05-25',
        'language: en',
        'tags: [Syria, conflict]',
        'notes: Check the casualty figure.',
        '---',
        '',
        'US-backed fighters **pressed** twin assaults, said *officials* in',
        '[Washington](https://example.org/dc) on `Wednesday`.',
        '',
        '## Background',
        '',
        '> The SDF was formed in October 2015.',
        '',
        '- first point',
        '- second point with __bold__',
        '',
        '---',
        '',
        'Share this article',
      ].join('\r\n'),
    )
    expect(draft).toMatchObject({
      kind: 'article',
      title: 'Raqa offensive: what we know',
      subtitle: 'Kurdish-led forces push north',
      source: 'AFP',
      url: 'https://example.org/raqa',
      byline: 'Jane Doe, John Roe',
      publishedAt: '2016-05-25',
      language: 'en',
      tags: ['Syria', 'conflict'],
      notes: 'Check the casualty figure.',
      origin: { kind: 'markdown', path: 'story.md' },
    })
    expect(draft.body).toEqual([
      'US-backed fighters pressed twin assaults, said officials in Washington on Wednesday.',
      'Background',
      'The SDF was formed in October 2015.',
      '- first point\n- second point with bold',
    ])
    expect(draft.photos).toEqual([])
  })

  it('takes the title from the first # heading when there is no front matter', async () => {
    const draft = await importMarkdown('# Iran warns US\n\nFirst paragraph.\n\nSecond.\n')
    expect(draft.title).toBe('Iran warns US')
    expect(draft.body).toEqual(['First paragraph.', 'Second.'])
  })

  it('does not repeat the title at the top of the body', async () => {
    const front = await importMarkdown(
      '---\ntitle: "Iran warns U.S."\n---\n\n# Iran warns US\n\nFirst paragraph.\n',
    )
    expect(front.title).toBe('Iran warns U.S.')
    expect(front.body).toEqual(['First paragraph.'])
    const setext = await importMarkdown('Iran warns US\n=============\n\nFirst paragraph.\n')
    expect(setext.title).toBe('Iran warns US')
    expect(setext.body).toEqual(['First paragraph.'])
    // A heading that differs from the front-matter title is a section heading: it stays.
    const other = await importMarkdown('---\ntitle: Iran warns US\n---\n\n# Background\n\nText.\n')
    expect(other.body).toEqual(['Background', 'Text.'])
  })

  it('takes the first line as the title when there is no heading', async () => {
    const draft = await importMarkdown('Storm hits *coast*\nWinds reached 150km/h.\n\nMore.')
    expect(draft.title).toBe('Storm hits coast')
    expect(draft.body).toEqual(['Winds reached 150km/h.', 'More.'])
  })

  it('makes photos from images with a credit title', async () => {
    const draft = await importMarkdown(
      '# T\n\n![Armed men ride in a pickup truck near Raqa.](raqa.jpg "DELIL SOULEIMAN / AFP")\n\nBody.',
    )
    expect(draft.photos).toMatchObject([
      {
        id: 'p0',
        caption: 'Armed men ride in a pickup truck near Raqa.',
        src: 'raqa.jpg',
        credit: {
          raw: 'DELIL SOULEIMAN / AFP',
          photographer: 'Delil Souleiman',
          agency: 'AFP',
          agencies: ['AFP'],
          agencyIds: ['afp'],
        },
      },
    ])
    expect(draft.body).toEqual(['Body.'])
  })

  it('takes the italic line after an image as its caption, with the credit inside', async () => {
    const draft = await importMarkdown(
      '# T\n\n![](https://x.org/a.jpg)\n*Police stand guard in Tunis. (AP Photo/Jane Doe)*\n\nBody text.',
    )
    expect(draft.photos).toHaveLength(1)
    expect(draft.photos[0]).toMatchObject({
      caption: 'Police stand guard in Tunis.',
      src: 'https://x.org/a.jpg',
      credit: { photographer: 'Jane Doe', agency: 'AP', agencyIds: ['ap'] },
    })
    expect(draft.body).toEqual(['Body text.'])
  })

  it('says there is no credit rather than inventing one', async () => {
    const draft = await importMarkdown('# T\n\n![A quiet street](street.png)\n\nBody.')
    expect(draft.photos[0]).toMatchObject({ caption: 'A quiet street', credit: null })
  })

  it('refuses front matter that is not YAML', async () => {
    await expect(importMarkdown('---\ntitle: [unclosed\n---\nBody')).rejects.toThrow(
      /story\.md has front matter that is not valid YAML/,
    )
  })

  it('accepts .md, .markdown and text/markdown only', () => {
    const bytes = new Uint8Array([0x23, 0x20, 0x41])
    expect(markdownImporter.accepts({ source: 'a.md', bytes })).toBe(true)
    expect(markdownImporter.accepts({ source: 'A.MARKDOWN', bytes })).toBe(true)
    expect(markdownImporter.accepts({ source: 'x', bytes, contentType: 'text/markdown' })).toBe(
      true,
    )
    expect(markdownImporter.accepts({ source: 'a.txt', bytes })).toBe(false)
  })
})

describe('stripInline', () => {
  it('removes Markdown syntax and keeps the words', () => {
    expect(stripInline('a **b** _c_ `d` [e](http://x) ~~f~~ snake_case_name 2*3*4')).toBe(
      'a b c d e f snake_case_name 2*3*4',
    )
    expect(stripInline('<https://x.org> and <b>bold</b> \\*literal\\*')).toBe(
      'https://x.org and bold *literal*',
    )
  })
})
