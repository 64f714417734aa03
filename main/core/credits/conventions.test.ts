import { describe, expect, it } from 'vitest'
import { parseCredit, splitCaptionCredit } from './index'

/**
 * The conventions issue 10 lists, one line each: separators, labels in several languages (with
 * or without colon, any case, a typo), wire forms, markers, distributors and clients, owners that
 * are not agencies, several photographers, shouted names with particles, agency aliases, and
 * text that is not a credit at all. Names are placeholders; the forms are the wires'.
 */
const cases: [string, string | null, string | null][] = [
  ['Jane Doe / AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe | AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe - AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe – AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe — AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe · AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe, AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe; AFP', 'Jane Doe', 'AFP'],
  ['Jane Doe / AFP - Getty Images', 'Jane Doe', 'AFP'],
  ['Photo: Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['PHOTO Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Photograph Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Picture: Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Image Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Credit Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Credits: Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Source: AFP', null, 'AFP'],
  ['Source AFP', null, 'AFP'],
  ['Courtesy of the Smith family', null, 'the Smith family'],
  ['Courtesy Jane Doe', 'Jane Doe', null],
  ['Foto Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['Bild: Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['Bild Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['Bildrechte: Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['Bildquelle: dpa', null, 'dpa'],
  ['Quelle: dpa', null, 'dpa'],
  ['Crédit : Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Crédits photo : Jane Doe / AFP', 'Jane Doe', 'AFP'],
  ['Photo de Jane Doe / AFP', 'Jane Doe', 'AFP'],
  ['Fotografía: Jane Doe/EFE', 'Jane Doe', 'EFE'],
  ['Foto: JANE DOE (EFE)', 'Jane Doe', 'EFE'],
  ['Jane Doe (AFP)', 'Jane Doe', 'AFP'],
  ['Foto: Divulgação/Marinha', null, 'Marinha'],
  ['Foto: Divulgação', null, null],
  ['Foto: Reprodução', null, null],
  ['Foto: Arquivo', null, null],
  ['Fotografía de Jane Doe/EFE', 'Jane Doe', 'EFE'],
  ['Imagen: EFE', null, 'EFE'],
  ['Foto di Jane Doe/ANSA', 'Jane Doe', 'ANSA'],
  ['© Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['(c) Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Copyright Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Copyright: AFP', null, 'AFP'],
  ['Phtoo: Jane Doe/AFP', 'Jane Doe', 'AFP'],
  ['Foto : Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['Fotos: Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['PHOTOGRAPH: JANE DOE/AFP', 'Jane Doe', 'AFP'],
  ['(AP Photo/Evan Vucci)', 'Evan Vucci', 'AP'],
  ['AP Photo/Evan Vucci, File', 'Evan Vucci', 'AP'],
  ['#APPhoto/Evan Vucci', 'Evan Vucci', 'AP'],
  ['Evan Vucci #APPhoto', 'Evan Vucci', 'AP'],
  ['REUTERS/Jane Doe', 'Jane Doe', 'REUTERS'],
  ['Jane Doe/Reuters', 'Jane Doe', 'Reuters'],
  ['EPA/JANE DOE', 'Jane Doe', 'EPA'],
  ['EPA-EFE/JANE DOE', 'Jane Doe', 'EPA-EFE'],
  ['Jane Doe/dpa', 'Jane Doe', 'dpa'],
  ['dpa/picture alliance', null, 'dpa'],
  ['picture alliance/dpa/Jane Doe', 'Jane Doe', 'picture alliance'],
  ['Foto: -/dpa', null, 'dpa'],
  ['ANSA/JANE DOE', 'Jane Doe', 'ANSA'],
  ['(Jane Doe/AFP via Getty Images)', 'Jane Doe', 'AFP'],
  ['REUTERS/Jane Doe/File Photo', 'Jane Doe', 'REUTERS'],
  ['AFP PHOTO / HANDOUT', null, 'AFP'],
  ['HANDOUT/AFP', null, 'AFP'],
  ['POOL/AFP', null, 'AFP'],
  ['STR/AFP', null, 'AFP'],
  ['-/AFP', null, 'AFP'],
  ['FILE - REUTERS/Jane Doe', 'Jane Doe', 'REUTERS'],
  [
    'REUTERS/Jane Doe ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.',
    'Jane Doe',
    'REUTERS',
  ],
  ['(AP Photo/Evan Vucci) XAV101', 'Evan Vucci', 'AP'],
  ['Photo by Jane Doe/The Outlet via AP', 'Jane Doe', 'The Outlet'],
  ['Jane Doe/Getty Images for Nike', 'Jane Doe', 'Getty Images'],
  ['Courtesy of the Ministry of Defence', null, 'the Ministry of Defence'],
  ['Handout/Ministry of Defence', null, 'Ministry of Defence'],
  ['Jane Doe/Museum of Modern Art', 'Jane Doe', 'Museum of Modern Art'],
  ['Courtesy of Acme Inc.', null, 'Acme Inc'],
  ['Courtesy of the Biden campaign', null, 'the Biden campaign'],
  ['Handout photo from the Kremlin press service', null, 'the Kremlin press service'],
  ['Jane Doe and John Roe/AP', 'Jane Doe; John Roe', 'AP'],
  ['Jane Doe, John Roe / Reuters', 'Jane Doe; John Roe', 'Reuters'],
  ['Jane Doe & John Roe for The New York Times', 'Jane Doe; John Roe', 'The New York Times'],
  ['LUDOVIC MARIN/AFP', 'Ludovic Marin', 'AFP'],
  ['JAN VAN DER BERG/ANP', 'Jan van der Berg', 'ANP'],
  ['MOHAMMED AL-SHAIKH/AFP', 'Mohammed Al-Shaikh', 'AFP'],
  ['SAUL LOEB/AFP', 'Saul Loeb', 'AFP'],
  ['ANDREW MCCARTHY/AFP', 'Andrew McCarthy', 'AFP'],
  ["BRENDAN O'HARE/AFP", "Brendan O'Hare", 'AFP'],
  ['KHALED BIN SALEH/AFP', 'Khaled bin Saleh', 'AFP'],
  ['Associated Press', null, 'Associated Press'],
  ['Thomson Reuters', null, 'Thomson Reuters'],
  ['Agence France-Presse', null, 'Agence France-Presse'],
  ['the US military said it had struck targets in Syria', null, null],
  ['Click here to subscribe to our newsletter', null, null],
]

describe('credit conventions', () => {
  it.each(cases)('%s', (raw, photographer, agency) => {
    const c = parseCredit(raw)
    expect({ photographer: c.photographer, agency: c.agency }).toEqual({ photographer, agency })
    expect(c.raw).toBe(raw)
    expect(c.confidence).toBeGreaterThanOrEqual(0)
    expect(c.confidence).toBeLessThanOrEqual(1)
  })

  it('keeps distributors in via and clients in for, never in agency or photographer', () => {
    expect(parseCredit('(Jane Doe/AFP via Getty Images)')).toMatchObject({
      agency: 'AFP',
      via: ['Getty Images'],
      for: null,
    })
    expect(parseCredit('Photo by Jane Doe/The Outlet via AP')).toMatchObject({
      agency: 'The Outlet',
      via: ['AP'],
    })
    expect(parseCredit('Jane Doe/Getty Images for Nike')).toMatchObject({
      agency: 'Getty Images',
      for: 'Nike',
      via: [],
    })
    expect(parseCredit('Handout via REUTERS')).toMatchObject({
      photographer: null,
      agency: null,
      via: ['REUTERS'],
      role: 'handout',
    })
  })

  it('gives owners that are not agencies their role', () => {
    expect(parseCredit('Courtesy of the Smith family').role).toBe('courtesy')
    expect(parseCredit('Handout/Ministry of Defence').role).toBe('handout')
    expect(parseCredit('Photo: Navy handout via Reuters')).toMatchObject({
      agency: 'Navy',
      role: 'handout',
      via: ['Reuters'],
    })
    expect(parseCredit('POOL/AFP').role).toBe('pool')
    expect(parseCredit('Foto: Cortesía.')).toMatchObject({ agency: null, role: 'courtesy' })
    expect(parseCredit('Foto: Divulgação/Petrobras')).toMatchObject({
      agency: 'Petrobras',
      role: 'handout',
    })
  })

  it('maps every alias to one canonical agency', () => {
    const ids = (raw: string) => parseCredit(raw).agencyIds
    for (const a of ['AP', 'Associated Press', 'AP Photo', 'AP Images'])
      expect(ids(a)).toEqual(['ap'])
    for (const a of ['AFP', 'Agence France-Presse', 'AFP Photo']) expect(ids(a)).toEqual(['afp'])
    for (const a of ['Reuters', 'REUTERS', 'Thomson Reuters']) expect(ids(a)).toEqual(['reuters'])
    for (const a of ['Getty', 'Getty Images']) expect(ids(a)).toEqual(['getty'])
    for (const a of ['EPA', 'EPA-EFE']) expect(ids(a)).toEqual(['epa'])
    for (const a of ['dpa', 'DPA', 'picture alliance', 'picture alliance/dpa'])
      expect(ids(a)).toEqual(['dpa'])
  })

  it('keeps an unreadable credit raw and flags it, never inventing names', () => {
    for (const raw of [
      'the US military said it had struck targets in Syria',
      'Click here to subscribe to our newsletter',
      '???',
      '12:45 | 3 comments',
    ]) {
      const c = parseCredit(raw)
      expect(c).toMatchObject({ raw, photographer: null, agency: null, uncertain: true })
      expect(c.confidence).toBeLessThan(0.5)
    }
    expect(parseCredit('')).toMatchObject({ raw: '', uncertain: false })
    expect(parseCredit('Jane Doe / Fluxbox')).toMatchObject({ agency: 'Fluxbox', uncertain: true })
    expect(parseCredit('DELIL SOULEIMAN / AFP')).toMatchObject({ confidence: 1, uncertain: false })
  })

  it.each([
    ['Protesters march in Paris on Monday. PHOTO: AFP', null, 'AFP'],
    ['A man walks in Rome (Foto di Jane Doe/ANSA)', 'Jane Doe', 'ANSA'],
    ['A man walks in Rome. ANSA/JANE DOE', 'Jane Doe', 'ANSA'],
    ['Un homme à Paris. Photo : Jane Doe / AFP', 'Jane Doe', 'AFP'],
    ['Un hombre en Madrid. Fotografía: EFE', null, 'EFE'],
    ['Un hombre en Madrid. Foto: JANE DOE (EFE)', 'Jane Doe', 'EFE'],
    ['Um homem em Brasília. — Foto: Divulgação/Marinha', null, 'Marinha'],
    ['Ein Mann in Berlin. Bildquelle: dpa', null, 'dpa'],
    ['A boy in Gaza, March 3, 2024. REUTERS/Jane Doe TPX IMAGES OF THE DAY', 'Jane Doe', 'REUTERS'],
    ['Soldiers in Kyiv. (AP Photo/Evan Vucci, File)', 'Evan Vucci', 'AP'],
    [
      'Rally in Ohio. Photo by Jane Doe/The Columbus Dispatch via AP',
      'Jane Doe',
      'The Columbus Dispatch',
    ],
  ])('finds the credit at the end of %s', (caption, photographer, agency) => {
    const c = splitCaptionCredit(caption).credit
    expect({ photographer: c?.photographer, agency: c?.agency }).toEqual({ photographer, agency })
  })
})
