import { describe, expect, it } from 'vitest'
import { photosCsv } from './photosCsv'
import { memoryBlobs, sampleItems } from './testItems'

/** A strict RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  expect(cell).toBe('') // every row ended with CRLF
  return rows
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = []
  for await (const s of it) out.push(s)
  return out
}

describe('photosCsv', () => {
  const items = sampleItems(memoryBlobs().ref)

  it('writes one row per photo with caption, credit parts, outlet, title, URL and date', async () => {
    const rows = parseCsv((await collect(photosCsv(items))).join(''))
    expect(rows[0]).toEqual([
      'caption',
      'photographer',
      'agency',
      'agencies',
      'credit',
      'outlet',
      'article_title',
      'url',
      'date',
      'item_id',
      'photo_id',
      'via',
      'for',
      'credit_line',
      'caption_with_credit',
      'ref',
      'edited',
    ])
    expect(rows).toHaveLength(1 + 4)
    expect(rows[1]).toEqual([
      'Fighters in Raqa.',
      'Delil Souleiman',
      'AFP',
      'AFP',
      'DELIL SOULEIMAN / AFP',
      'AFP',
      'Kurdish-led forces enter Raqa',
      'https://example.org/raqa',
      '2017-06-06',
      '0123456789abcdef',
      'p0',
      '',
      '',
      'Delil Souleiman / AFP',
      'Fighters in Raqa. Delil Souleiman / AFP',
      '0123456789abcdef/p0',
      '',
    ])
    expect(rows[3].slice(0, 3)).toEqual([
      'Cast member Vin Diesel arrives at the premiere.',
      'Mario Anzuoni',
      'REUTERS',
    ])
    expect(rows[3][6]).toBe('') // a standalone photo has no article title
  })

  it('quotes commas, quotes and new lines, and defuses formulas', async () => {
    const chunks = await collect(photosCsv(items))
    const rows = parseCsv(chunks.join(''))
    expect(rows[4][0]).toBe('\'=HYPERLINK("x") a caption, with "quotes"\nand a new line')
    expect(rows[4].slice(1, 5)).toEqual(['', '', '', ''])
    expect(chunks[4]).toMatch(/^"'=HYPERLINK\(""x""\) a caption, with ""quotes""\nand a new line",/)
  })

  it('writes via, for and the credit line in the chosen house style', async () => {
    const [first] = items
    const article = first.kind === 'article' ? first : null
    expect(article).not.toBeNull()
    const photo = {
      ...article!.photos[0],
      credit: {
        raw: 'Kevin Frayer/AFP via Getty Images',
        photographer: 'Kevin Frayer',
        agency: 'AFP',
        agencies: ['AFP'],
        agencyIds: ['afp'],
        via: ['Getty Images'],
        for: null,
      },
    }
    const rows = parseCsv(
      (
        await collect(
          photosCsv([{ ...article!, photos: [photo] }], {
            creditStyle: { style: 'guardian', template: '' },
          }),
        )
      ).join(''),
    )
    const col = (name: string) => rows[1][rows[0].indexOf(name)]
    expect(col('via')).toBe('Getty Images')
    expect(col('credit_line')).toBe('Photograph: Kevin Frayer/AFP/Getty Images')
    expect(col('caption_with_credit')).toBe(
      'Fighters in Raqa. Photograph: Kevin Frayer/AFP/Getty Images',
    )
  })

  it('can start with a byte-order mark for Excel', async () => {
    const [header] = await collect(photosCsv([], { bom: true }))
    expect(header.startsWith('\uFEFFcaption,')).toBe(true)
  })
})
