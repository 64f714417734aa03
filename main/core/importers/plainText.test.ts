import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../model'
import { ImportError, type ImportContext, type ImportInput } from './importer'
import { plainTextImporter } from './plainText'

const corpus = path.resolve(__dirname, '../../..', '../shared/corpora')
const noContext = {} as ImportContext

async function importOne(input: ImportInput): Promise<ArticleDraft> {
  const drafts = await plainTextImporter.import(input, noContext)
  expect(drafts).toHaveLength(1)
  const [draft] = drafts
  if (draft.kind !== 'article') throw new Error('expected an article')
  return draft
}

const text = (s: string, source = 'note.txt'): ImportInput => ({
  source,
  bytes: new TextEncoder().encode(s),
  contentType: 'text/plain',
})

describe('plain-text import of the seed article', () => {
  const seedPath = path.join(corpus, 'seed/000_0573ed9d5a68091b.txt')
  const load = () => importOne({ source: seedPath, bytes: readFileSync(seedPath) })

  it('takes the first line as the title', async () => {
    expect((await load()).title).toBe(
      'Iran says attacks on US forces due to ‘wrong American policies’',
    )
  })

  it('makes one photo of the caption paragraph and its credit', async () => {
    const { photos } = await load()
    expect(photos).toHaveLength(1)
    const [photo] = photos
    expect(photo.caption.startsWith('Armed men in uniform identified by Syrian Democratic')).toBe(
      true,
    )
    expect(photo.caption.endsWith('but it also includes Arab Muslim and Christian fighters.')).toBe(
      true,
    )
    expect(photo.caption).not.toContain('SOULEIMAN')
    expect(photo.credit).toMatchObject({
      raw: 'DELIL SOULEIMAN / AFP',
      photographer: 'Delil Souleiman',
      agency: 'AFP',
      agencies: ['AFP'],
      agencyIds: ['afp'],
    })
  })

  it('keeps the body paragraphs with their curly quotes and drops the site trailer', async () => {
    const { body, origin } = await load()
    expect(body).toHaveLength(14)
    expect(body[0]).toBe(
      'Iran said Monday attacks on US forces in Iraq and elsewhere in the region were a result of “wrong American policies” including support for Israel in its war against Hamas.',
    )
    expect(body[body.length - 1]).toBe(
      'The United States has around 2,500 troops in Iraq and some 900 in Syria as part of efforts to prevent a resurgence of the Islamic State extremist group.',
    )
    expect(body.some((p) => p.includes('DELIL SOULEIMAN'))).toBe(false)
    expect(body.some((p) => p.includes('Join Our Channels'))).toBe(false)
    expect(origin).toEqual({ kind: 'text', path: seedPath })
  })
})

describe('plain-text import of the BBC corpus', () => {
  interface BbcRow {
    id: string
    file: string
    title: string
    text: string
  }
  const dir = path.join(corpus, 'bbc-news')
  const rows = readFileSync(path.join(dir, 'bbc-news.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BbcRow)

  it('imports all 2,225 files: title = line 1, the body paragraphs, no photos', async () => {
    expect(rows).toHaveLength(2225)
    const wrong: string[] = []
    for (const row of rows) {
      const file = path.join(dir, row.file)
      const draft = await importOne({ source: file, bytes: readFileSync(file) })
      const paragraphs = row.text
        .split(/\n\s*\n/)
        .map((p) => p.trim().replace(/ *\n */g, '\n'))
        .filter((p) => p !== '')
      if (draft.title !== row.title) wrong.push(`${row.id}: title ${draft.title}`)
      if (draft.photos.length > 0) wrong.push(`${row.id}: ${draft.photos.length} photos`)
      if (JSON.stringify(draft.body) !== JSON.stringify(paragraphs)) wrong.push(`${row.id}: body`)
    }
    expect(wrong).toEqual([])
  })

  it('decodes sport/199 (windows-1252) with its £', async () => {
    const file = path.join(dir, 'bbc/sport/199.txt')
    const draft = await importOne({ source: file, bytes: readFileSync(file) })
    expect(draft.body.join('\n')).toContain('£')
  })
})

describe('plain-text import, formats and failures', () => {
  it('reads CRLF, a BOM and UTF-16 the same as plain UTF-8', async () => {
    const source = 'Headline here\n\nFirst paragraph.\n\nSecond paragraph.\n'
    const expected = { title: 'Headline here', body: ['First paragraph.', 'Second paragraph.'] }
    const crlf = await importOne(text(source.replace(/\n/g, '\r\n')))
    expect(crlf).toMatchObject(expected)
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(source)])
    expect(await importOne({ source: 'bom.txt', bytes: bom })).toMatchObject(expected)
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')])
    expect(await importOne({ source: 'u16.txt', bytes: utf16 })).toMatchObject(expected)
  })

  it('joins hard-wrapped lines and keeps a caption followed by its credit line', async () => {
    const draft = await importOne(
      text(
        'Title\n\nA wrapped paragraph\nthat goes on here.\n\nPolice stand guard in Tunis.\n(AP Photo/Jane Doe)\n\nLast words.',
      ),
    )
    expect(draft.body).toEqual(['A wrapped paragraph that goes on here.', 'Last words.'])
    expect(draft.photos).toEqual([
      {
        id: 'p0',
        caption: 'Police stand guard in Tunis.',
        credit: expect.objectContaining({ photographer: 'Jane Doe', agency: 'AP' }),
      },
    ])
  })

  it('joins a licence wrapped at 80 columns and invents no photo or credit from it', async () => {
    const draft = await importOne(
      text(
        'MIT License\n\nCopyright (c) 2018 Jane Developer\n\n' +
          'Permission is hereby granted, free of charge, to any person obtaining a copy\n' +
          'of this software and associated documentation files (the "Software"), to deal\n' +
          'in the Software without restriction, including without limitation the rights\n' +
          'to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n' +
          'copies of the Software, and to permit persons to whom the Software is\n' +
          'furnished to do so, subject to the following conditions:\n\n' +
          'The above copyright notice and this permission notice shall be included in all\n' +
          'copies or substantial portions of the Software.\n',
      ),
    )
    expect(draft.photos).toEqual([])
    expect(draft.body).toEqual([
      'Copyright (c) 2018 Jane Developer',
      expect.stringMatching(
        /^Permission is hereby granted.* the rights to use, copy, modify.*conditions:$/,
      ),
      'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.',
    ])
  })

  it('joins a hand-wrapped e-mail into paragraphs, headers and sign-off kept apart', async () => {
    const draft = await importOne(
      text(
        'Subject: Re: photos from Raqa\n\nFrom: Ann Lee <ann@example.org>\nDate: Tue, 6 Jun 2017 10:00:00 +0000\n\nHi Tom,\n\n' +
          'Attached are the pictures from this morning. The first one was taken near\n' +
          'the stadium, the second at the roundabout. Please credit them as\n' +
          'Delil Souleiman / AFP when you run them.\n\nThanks,\nAnn\n',
      ),
    )
    expect(draft.photos).toEqual([])
    expect(draft.body).toEqual([
      'From: Ann Lee <ann@example.org>',
      'Date: Tue, 6 Jun 2017 10:00:00 +0000',
      'Hi Tom,',
      'Attached are the pictures from this morning. The first one was taken near the stadium, the second at the roundabout. Please credit them as Delil Souleiman / AFP when you run them.',
      'Thanks, Ann',
    ])
  })

  it('reads wire copy: indented paragraphs, the byline, no photo from the agency or the notice', async () => {
    const draft = await importOne(
      text(
        'BC-Syria-Raqa,0412\nKurdish-led forces enter Raqa\nBy JOHN SMITH\nAssociated Press\n' +
          "   BEIRUT (AP) _ U.S.-backed Syrian fighters broke into the Islamic State\ngroup's de facto capital of Raqa on Tuesday, a spokesman for the fighters\nsaid, launching what is expected to be a long battle.\n" +
          '   The Syrian Democratic Forces entered the city from the east, the spokesman\ntold The Associated Press by telephone.\n' +
          '   (Copyright 2017 The Associated Press. All rights reserved.)\n',
      ),
    )
    expect(draft.photos).toEqual([])
    expect(draft.byline).toBe('JOHN SMITH')
    expect(draft.body).toEqual([
      'Kurdish-led forces enter Raqa',
      'Associated Press',
      expect.stringMatching(/^BEIRUT \(AP\) _ U\.S\.-backed .* a long battle\.$/),
      'The Syrian Democratic Forces entered the city from the east, the spokesman told The Associated Press by telephone.',
      '(Copyright 2017 The Associated Press. All rights reserved.)',
    ])
  })

  it('takes a "By" line as the byline', async () => {
    const draft = await importOne(text('Title\n\nBy Jane Doe\n\nThe story.'))
    expect(draft.byline).toBe('Jane Doe')
    expect(draft.body).toEqual(['The story.'])
  })

  it('refuses empty, binary and huge input with a reason', async () => {
    await expect(plainTextImporter.import(text('  \n\n '), noContext)).rejects.toThrow(
      new ImportError('note.txt is empty.'),
    )
    const binary = { source: 'x.txt', bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 0xff, 0x10]) }
    await expect(plainTextImporter.import(binary, noContext)).rejects.toThrow('is not a text file')
    const huge = { source: 'big.txt', bytes: new Uint8Array(51 * 1024 * 1024).fill(0x41) }
    await expect(plainTextImporter.import(huge, noContext)).rejects.toThrow(/50 MB/)
  })

  it('accepts .txt, text/plain and extension-less text; not Markdown or binary', () => {
    const bytes = new TextEncoder().encode('Hello\n\nWorld')
    expect(plainTextImporter.accepts({ source: 'a.txt', bytes })).toBe(true)
    expect(plainTextImporter.accepts({ source: 'README', bytes })).toBe(true)
    expect(plainTextImporter.accepts({ source: 'x', bytes, contentType: 'text/plain' })).toBe(true)
    expect(plainTextImporter.accepts({ source: 'a.md', bytes })).toBe(false)
    expect(plainTextImporter.accepts({ source: 'a', bytes, contentType: 'text/html' })).toBe(false)
    expect(plainTextImporter.accepts({ source: 'blob', bytes: new Uint8Array([1, 0, 2]) })).toBe(
      false,
    )
  })
})
