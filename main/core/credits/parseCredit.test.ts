import { describe, expect, it } from 'vitest'
import { normalizePersonName, parseCredit } from './index'

/** The three fields a photo desk reads, for compact expectations. */
function brief(raw: string) {
  const c = parseCredit(raw)
  return { photographer: c.photographer, agency: c.agency, agencies: c.agencies, ids: c.agencyIds }
}

describe('parseCredit', () => {
  it('reads the seed credit: shouted name, slash, agency', () => {
    expect(parseCredit('DELIL SOULEIMAN / AFP')).toEqual({
      raw: 'DELIL SOULEIMAN / AFP',
      photographer: 'Delil Souleiman',
      agency: 'AFP',
      agencies: ['AFP'],
      agencyIds: ['afp'],
      via: [],
      for: null,
      role: null,
      confidence: 1,
      uncertain: false,
    })
  })

  it('drops brackets and the service word "Photo"', () => {
    expect(brief('(AP Photo/Evan Vucci)')).toEqual({
      photographer: 'Evan Vucci',
      agency: 'AP',
      agencies: ['AP'],
      ids: ['ap'],
    })
    expect(brief('AFP PHOTO / Jim Watson').agency).toBe('AFP')
  })

  it('reads agency-first wire credits', () => {
    expect(brief('REUTERS/Callaghan O\u0027Hare')).toMatchObject({
      photographer: "Callaghan O'Hare",
      agency: 'REUTERS',
      ids: ['reuters'],
    })
    expect(brief('THE CANADIAN PRESS/Paul Chiasson')).toMatchObject({
      photographer: 'Paul Chiasson',
      ids: ['cp'],
    })
    expect(brief('epa/Harish Tyagi')).toMatchObject({ photographer: 'Harish Tyagi', ids: ['epa'] })
    expect(brief('EPA-EFE/Alex Hofford')).toMatchObject({ agency: 'EPA-EFE', ids: ['epa'] })
  })

  it('keeps every organisation of a chain, in order, de-duplicated', () => {
    expect(brief('Kent Nishimura/AFP via Getty Images')).toEqual({
      photographer: 'Kent Nishimura',
      agency: 'AFP',
      agencies: ['AFP', 'Getty Images'],
      ids: ['afp', 'getty'],
    })
    expect(brief('REUTERS/SANA/Handout via Reuters')).toMatchObject({
      photographer: null,
      agencies: ['REUTERS', 'SANA'],
    })
    expect(brief('(BULENT KILIC/Bulent Kilic/AFP/Getty Images)').photographer).toBe('Bulent Kilic')
    expect(brief('Jeon Heon-Kyun/EPA, via Shutterstock')).toMatchObject({
      photographer: 'Jeon Heon-Kyun',
      agencies: ['EPA', 'Shutterstock'],
      ids: ['epa', 'shutterstock'],
    })
  })

  it('reads commissions: "for" and Spanish "para"', () => {
    expect(brief('Photograph: Adrian Malloch for the Guardian')).toMatchObject({
      photographer: 'Adrian Malloch',
      agency: 'the Guardian',
      ids: ['guardian'],
    })
    expect(brief('Christopher Lee para The New York Times')).toMatchObject({
      photographer: 'Christopher Lee',
      agency: 'The New York Times',
      ids: ['nyt'],
    })
  })

  it('does not take placeholders or organisations for photographers', () => {
    expect(brief('Credit: STR/AFP')).toMatchObject({ photographer: null, agency: 'AFP' })
    expect(brief('REUTERS/Stringer').photographer).toBeNull()
    expect(brief('Stringer/European Pressphoto Agency')).toMatchObject({
      photographer: null,
      ids: ['epa'],
    })
    expect(brief('REUTERS/Lucas Jackson/File Photo')).toMatchObject({
      photographer: 'Lucas Jackson',
      agencies: ['REUTERS'],
    })
    expect(brief('Reuters TV/Reuters')).toMatchObject({ photographer: null, agency: 'Reuters TV' })
    expect(brief('Education Images/UIG via Getty Images').photographer).toBeNull()
    expect(brief('Name Surname/Pool/AFP').agencies).toEqual(['AFP'])
    expect(brief('DR').photographer).toBeNull()
    expect(brief('HO/AFP')).toMatchObject({ photographer: null, agency: 'AFP' })
  })

  it('reads the handout prefix and drops instructions', () => {
    expect(brief('THE CANADIAN PRESS/HO-Annick deGooyer, *MANDATORY CREDIT*')).toMatchObject({
      photographer: 'Annick deGooyer',
      agency: 'THE CANADIAN PRESS',
    })
  })

  it('drops labels and copyright notices', () => {
    expect(brief('© Yuriy DYACHYSHYN / AFP').photographer).toBe('Yuriy Dyachyshyn')
    expect(brief('Photo © Jeremy Nicholl 2010. All Rights Reserved.')).toMatchObject({
      photographer: 'Jeremy Nicholl',
      agency: null,
    })
    expect(brief('Mandatory Credit: Jake Roth-USA TODAY Sports')).toMatchObject({
      photographer: 'Jake Roth',
      agency: 'USA TODAY Sports',
    })
    expect(brief('CreditDiana Zeyneb Alhindawi for The New York Times').photographer).toBe(
      'Diana Zeyneb Alhindawi',
    )
    expect(brief('Photo by Ricardo Gomez Angel on Unsplash')).toMatchObject({
      photographer: 'Ricardo Gomez Angel',
      agency: 'Unsplash',
    })
    expect(brief('(Photo Prakash Mathema. AFP)')).toMatchObject({
      photographer: 'Prakash Mathema',
      agency: 'AFP',
    })
  })

  it('reads IPTC-style credit lines and copyright notices', () => {
    expect(brief('©1985 David Riecks: www.riecks.c')).toMatchObject({
      photographer: 'David Riecks',
      agency: null,
    })
    expect(brief('(c) Aprescindere | Dreamstime.com').agencies).toContain('Dreamstime.com')
    expect(brief('JET2HOLIDAYS')).toMatchObject({ photographer: null, agency: 'JET2HOLIDAYS' })
    expect(brief('Bild: picture alliance/dpa | Kay Nietfeld')).toMatchObject({
      photographer: 'Kay Nietfeld',
      agency: 'picture alliance',
      ids: ['dpa'],
    })
    expect(brief('Carl Court/WPA Pool/Getty Images')).toMatchObject({
      photographer: 'Carl Court',
      agencies: ['Getty Images'],
    })
  })

  it('reads structured Author/Credit fields', () => {
    expect(brief('- Author: Dmitry Astakhov\n- Credit: Sputnik')).toMatchObject({
      photographer: 'Dmitry Astakhov',
      agency: 'Sputnik',
      ids: ['sputnik'],
    })
  })

  it('treats the dts "Foto:" name as the person pictured', () => {
    expect(brief('Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur')).toMatchObject({
      photographer: null,
      agency: 'dts Nachrichtenagentur',
      ids: ['dts'],
    })
    expect(brief('Foto/Quelle: dts')).toMatchObject({ photographer: null, agency: 'dts' })
  })

  it('joins several photographers with "; "', () => {
    expect(brief('Jane Doe and John Roe/AP').photographer).toBe('Jane Doe; John Roe')
    expect(brief('Photos by JANE DOE & John Roe').photographer).toBe('Jane Doe; John Roe')
    expect(brief('Jane Doe, John Roe/AP').photographer).toBe('Jane Doe; John Roe')
  })

  it('gives nulls, not inventions, for empty or prose input', () => {
    expect(brief('')).toEqual({ photographer: null, agency: null, agencies: [], ids: [] })
    expect(brief('Join Our Channels')).toEqual({
      photographer: null,
      agency: null,
      agencies: [],
      ids: [],
    })
  })
})

describe('parseCredit on common published formats', () => {
  const table: [string, string | null, string | null][] = [
    ['(Photo: Mohammed Salem/Reuters)', 'Mohammed Salem', 'Reuters'],
    ['Image: Gareth Fuller/PA Wire', 'Gareth Fuller', 'PA Wire'],
    ['Photographer: Jason Alden/Bloomberg', 'Jason Alden', 'Bloomberg'],
    ['Kevin Lamarque | AFP | Getty Images', 'Kevin Lamarque', 'AFP'],
    ['Mahmud Hams — AFP/Getty Images', 'Mahmud Hams', 'AFP'],
    ['(AP Photo/Evan Vucci, File)', 'Evan Vucci', 'AP'],
    ['(AP Photo/Susan Walsh, Pool)', 'Susan Walsh', 'AP'],
    ['Xinhua/Wang Ying', 'Wang Ying', 'Xinhua'],
    ['Mustafa Hassona/Anadolu Agency via Getty Images', 'Mustafa Hassona', 'Anadolu Agency'],
    ['Photo courtesy of Jane Smith', 'Jane Smith', null],
    ['Handout/Reuters', null, 'Reuters'],
    ['Tom Brenner for NPR', 'Tom Brenner', 'NPR'],
    // AP only distributed this pool picture: it goes in `via`, never in `agency` (issue 10).
    ['Evan Vucci/Pool Photo via AP', 'Evan Vucci', null],
    ['© Reuters', null, 'Reuters'],
    ['Getty Images/iStockphoto', null, 'Getty Images'],
    ['Darryl Dyck/The Canadian Press via AP', 'Darryl Dyck', 'The Canadian Press'],
    ['PHOTO: REUTERS/Amir Cohen', 'Amir Cohen', 'REUTERS'],
    ['Foto: Michael Kappeler/dpa', 'Michael Kappeler', 'dpa'],
    ['Photo: Jean-Christophe Verhaegen / AFP', 'Jean-Christophe Verhaegen', 'AFP'],
    ['AFP PHOTO / JOHN MACDOUGALL', 'John MacDougall', 'AFP'],
    ['Chris Jackson/Getty Images for Buckingham Palace', 'Chris Jackson', 'Getty Images'],
    ['Photograph: Alamy Stock Photo', null, 'Alamy Stock Photo'],
    [
      'Fotoilustración de Andrew B. Myers para The New York Times',
      'Andrew B. Myers',
      'The New York Times',
    ],
    ['Crédit photo : Ludovic MARIN / AFP', 'Ludovic Marin', 'AFP'],
    ['Image copyright Getty Images', null, 'Getty Images'],
    ['Fuente: LA NACION', null, 'LA NACION'],
    ['© Provided by The Guardian', null, 'The Guardian'],
    ['Picture: Supplied', null, null],
    ['(Photo by Jabin Botsford/For The Washington Post)', 'Jabin Botsford', 'The Washington Post'],
    ['图片来源：新华社', null, '新华社'],
    ['Le Minh/AFP', 'Le Minh', 'AFP'],
  ]
  it.each(table)('%s', (raw, photographer, agency) => {
    const credit = parseCredit(raw)
    expect(credit.photographer).toBe(photographer)
    expect(credit.agency).toBe(agency)
  })
})

describe('normalizePersonName', () => {
  it('normalises shouted words only', () => {
    expect(normalizePersonName('DELIL SOULEIMAN')).toBe('Delil Souleiman')
    expect(normalizePersonName('Sameer AL-DOUMY')).toBe('Sameer Al-Doumy')
    expect(normalizePersonName("CALLAGHAN O'HARE")).toBe("Callaghan O'Hare")
    expect(normalizePersonName('Annick deGooyer')).toBe('Annick deGooyer')
    expect(normalizePersonName('DUANE A. LAVERTY')).toBe('Duane A. Laverty')
  })
})
