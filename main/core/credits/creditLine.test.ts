import { describe, expect, it } from 'vitest'
import type { Credit, CreditStyleName } from '../model'
import {
  captionWithCredit,
  creditLineOnly,
  formatCredit,
  readCreditStyle,
  templateProblem,
} from './creditLine'

function credit(c: Partial<Credit>): Credit {
  return { raw: '', photographer: null, agency: null, agencies: [], agencyIds: [], ...c }
}

const afpVia = credit({
  raw: 'Delil Souleiman/AFP via Getty Images',
  photographer: 'Delil Souleiman',
  agency: 'AFP',
  agencies: ['AFP'],
  agencyIds: ['afp'],
  via: ['Getty Images'],
})
const apOwn = credit({
  raw: '(AP Photo/Evan Vucci)',
  photographer: 'Evan Vucci',
  agency: 'AP',
  agencies: ['AP'],
  agencyIds: ['ap'],
})
const reutersOwn = credit({
  raw: 'REUTERS/Yves Herman',
  photographer: 'Yves Herman',
  agency: 'REUTERS',
  agencies: ['REUTERS'],
  agencyIds: ['reuters'],
})
const dpa = credit({
  raw: 'Michael Kappeler/dpa',
  photographer: 'Michael Kappeler',
  agency: 'dpa',
  agencies: ['dpa'],
  agencyIds: ['dpa'],
})
const gettyFor = credit({
  raw: 'Jeff Spicer/Getty Images for BFI',
  photographer: 'Jeff Spicer',
  agency: 'Getty Images',
  agencies: ['Getty Images'],
  agencyIds: ['getty'],
  for: 'BFI',
})
const two = credit({
  raw: 'Jae C. Hong and Ashley Landis/AP',
  photographer: 'Jae C. Hong; Ashley Landis',
  agency: 'AP',
  agencies: ['AP'],
  agencyIds: ['ap'],
})
const handout = credit({
  raw: 'Syrian Presidency/Handout via REUTERS',
  photographer: null,
  agency: 'Syrian Presidency',
  agencies: ['Syrian Presidency'],
  agencyIds: [],
  via: ['REUTERS'],
  role: 'handout',
})

describe('formatCredit in each house style', () => {
  const table: [CreditStyleName, Credit, string][] = [
    ['ap', apOwn, '(AP Photo/Evan Vucci)'],
    ['ap', afpVia, '(Delil Souleiman/AFP via Getty Images)'],
    ['ap', gettyFor, '(Jeff Spicer/Getty Images for BFI)'],
    ['ap', two, '(AP Photo/Jae C. Hong, Ashley Landis)'],
    ['ap', handout, '(Syrian Presidency via Reuters)'],
    ['reuters', reutersOwn, 'REUTERS/Yves Herman'],
    ['reuters', afpVia, 'Delil Souleiman/AFP via Getty Images'],
    ['reuters', handout, 'Syrian Presidency/Handout via Reuters'],
    ['afp', afpVia, 'Delil Souleiman / AFP / Getty Images'],
    ['afp', reutersOwn, 'Yves Herman / Reuters'],
    ['afp', handout, 'Handout / Syrian Presidency / Reuters'],
    ['guardian', afpVia, 'Photograph: Delil Souleiman/AFP/Getty Images'],
    ['guardian', gettyFor, 'Photograph: Jeff Spicer/Getty Images for BFI'],
    ['guardian', two, 'Photograph: Jae C. Hong and Ashley Landis/AP'],
    ['guardian', handout, 'Photograph: Syrian Presidency/Handout/Reuters'],
    ['german', dpa, 'Foto: Michael Kappeler/dpa'],
    ['german', afpVia, 'Foto: Delil Souleiman/AFP/Getty Images'],
    ['german', gettyFor, 'Foto: Jeff Spicer/Getty Images für BFI'],
    ['german', two, 'Foto: Jae C. Hong und Ashley Landis/AP'],
    ['plain', afpVia, 'Delil Souleiman / AFP via Getty Images'],
    ['plain', two, 'Jae C. Hong, Ashley Landis / AP'],
    ['plain', gettyFor, 'Jeff Spicer / Getty Images for BFI'],
  ]
  it.each(table)('%s: %o', (style, c, expected) => {
    expect(formatCredit(c, style as Exclude<CreditStyleName, 'template'>)).toBe(expected)
  })

  it('writes an AP picture without a name as (AP Photo) and a pool picture as AP does', () => {
    expect(formatCredit(credit({ agency: 'AP', agencies: ['AP'], agencyIds: ['ap'] }), 'ap')).toBe(
      '(AP Photo)',
    )
    expect(formatCredit({ ...apOwn, role: 'pool' }, 'ap')).toBe('(AP Photo/Evan Vucci, Pool)')
    expect(formatCredit({ ...reutersOwn, role: 'pool' }, 'reuters')).toBe(
      'REUTERS/Yves Herman/Pool',
    )
  })

  it('spells dpa picture alliance the German way', () => {
    const pa = credit({
      agency: 'picture alliance',
      agencies: ['picture alliance'],
      agencyIds: ['dpa'],
    })
    expect(formatCredit(pa, 'german')).toBe('Foto: picture alliance/dpa')
  })

  it('takes distributors from the agencies of a credit parsed before via existed', () => {
    const old = credit({
      raw: 'KEVIN FRAYER/AFP via Getty Images',
      photographer: 'Kevin Frayer',
      agency: 'AFP',
      agencies: ['AFP', 'Getty Images'],
      agencyIds: ['afp', 'getty'],
    })
    expect(formatCredit(old, 'guardian')).toBe('Photograph: Kevin Frayer/AFP/Getty Images')
  })

  it('gives the printed text for a credit with no names, and nothing for no credit', () => {
    expect(formatCredit(credit({ raw: 'Courtesy photo' }), 'ap')).toBe('Courtesy photo')
    expect(formatCredit(null, 'guardian')).toBe('')
  })
})

describe('captionWithCredit', () => {
  const source = { caption: 'Fighters in Raqa', credit: afpVia, date: '2017-06-06T10:00:00Z' }

  it('ends the caption as a sentence before the credit', () => {
    expect(captionWithCredit(source, { style: 'ap', template: '' })).toBe(
      'Fighters in Raqa. (Delil Souleiman/AFP via Getty Images)',
    )
    expect(
      captionWithCredit(
        { ...source, caption: 'Who fired first?' },
        { style: 'german', template: '' },
      ),
    ).toBe('Who fired first? Foto: Delil Souleiman/AFP/Getty Images')
  })

  it('gives the credit alone for a photo without a caption', () => {
    expect(captionWithCredit({ ...source, caption: '' }, { style: 'reuters', template: '' })).toBe(
      'Delil Souleiman/AFP via Getty Images',
    )
  })

  it('fills a user template, dropping [parts] whose field is empty', () => {
    const template = '{caption} ({photographer}/{agency}[ via {via}][ for {for}]) {date}'
    expect(captionWithCredit(source, { style: 'template', template })).toBe(
      'Fighters in Raqa (Delil Souleiman/AFP via Getty Images) 2017-06-06',
    )
    expect(
      captionWithCredit({ ...source, credit: gettyFor }, { style: 'template', template }),
    ).toBe('Fighters in Raqa (Jeff Spicer/Getty Images for BFI) 2017-06-06')
  })

  it('trims separators a template leaves dangling when the caption is empty', () => {
    expect(
      captionWithCredit(
        { caption: '', credit: dpa },
        { style: 'template', template: '{caption} — {photographer}/{agency}' },
      ),
    ).toBe('Michael Kappeler/dpa')
  })

  it('gives the credit line alone for the CSV', () => {
    expect(creditLineOnly(source, { style: 'guardian', template: '' })).toBe(
      'Photograph: Delil Souleiman/AFP/Getty Images',
    )
    expect(creditLineOnly(source, { style: 'template', template: '{caption} © {agency}' })).toBe(
      '© AFP',
    )
  })
})

describe('reading a style', () => {
  it('reads names in any case and templates with known fields', () => {
    expect(readCreditStyle('AP')).toMatchObject({ style: 'ap' })
    expect(readCreditStyle('{caption} / {agency}')).toEqual({
      style: 'template',
      template: '{caption} / {agency}',
    })
  })

  it('refuses unknown styles and unknown template fields with a clear reason', () => {
    expect(readCreditStyle('bbc')).toMatchObject({ problem: expect.stringMatching(/not a style/) })
    expect(templateProblem('{caption} {byline}')).toMatch(/\{byline\} is not a template field/)
    expect(templateProblem('   ')).toMatch(/cannot be empty/)
  })
})
