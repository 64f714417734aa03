import { describe, expect, it } from 'vitest'
import { looksLikeCreditLine, splitCaptionCredit } from './index'

function split(caption: string) {
  const { caption: rest, credit } = splitCaptionCredit(caption)
  return {
    caption: rest,
    raw: credit?.raw ?? null,
    photographer: credit?.photographer ?? null,
    agency: credit?.agency ?? null,
  }
}

describe('splitCaptionCredit', () => {
  it('takes a shouted wire credit off the end of the caption', () => {
    expect(split('Armed men ride in a pickup truck near Raqa. DELIL SOULEIMAN / AFP')).toEqual({
      caption: 'Armed men ride in a pickup truck near Raqa.',
      raw: 'DELIL SOULEIMAN / AFP',
      photographer: 'Delil Souleiman',
      agency: 'AFP',
    })
  })

  it('reads a bracketed AP or Getty credit', () => {
    expect(split('Bush drops his dog. (AP Photo/Duane A. Laverty)')).toEqual({
      caption: 'Bush drops his dog.',
      raw: '(AP Photo/Duane A. Laverty)',
      photographer: 'Duane A. Laverty',
      agency: 'AP',
    })
    expect(
      split(
        'LONDON, ENGLAND - JULY 04: Kim Sears watches. (Photo by Shaun Botterill/Getty Images)',
      ),
    ).toMatchObject({
      caption: 'LONDON, ENGLAND - JULY 04: Kim Sears watches.',
      photographer: 'Shaun Botterill',
      agency: 'Getty Images',
    })
  })

  it('reads REUTERS/Name and drops the trailing Tags block', () => {
    expect(
      split('Vin Diesel arrives. REUTERS/Mario Anzuoni  (UNITED STATES - Tags: ENTERTAINMENT)'),
    ).toEqual({
      caption: 'Vin Diesel arrives.',
      raw: 'REUTERS/Mario Anzuoni',
      photographer: 'Mario Anzuoni',
      agency: 'REUTERS',
    })
  })

  it('reads labelled credits: Photograph:, ©, | Foto:', () => {
    expect(split('A volunteer distributes food. Photograph: Umit Bektas/Reuters')).toMatchObject({
      caption: 'A volunteer distributes food.',
      photographer: 'Umit Bektas',
      agency: 'Reuters',
    })
    expect(split('Adrian Malloch by the sea. Photograph: Jane Doe for the Guardian')).toMatchObject(
      {
        photographer: 'Jane Doe',
        agency: 'the Guardian',
      },
    )
    expect(split('Anja Niedringhaus in 2005. ©Associated Press/Peter Dejong')).toMatchObject({
      caption: 'Anja Niedringhaus in 2005.',
      photographer: 'Peter Dejong',
      agency: 'Associated Press',
    })
    expect(split('Smiling after the win. | Foto: Reuters')).toMatchObject({
      caption: 'Smiling after the win.',
      photographer: null,
      agency: 'Reuters',
    })
    expect(split('A drill. © Sameer AL-DOUMY / AFP').photographer).toBe('Sameer Al-Doumy')
    expect(split('Un hombre camina por Buenos Aires. Fuente: LA NACION')).toMatchObject({
      caption: 'Un hombre camina por Buenos Aires.',
      photographer: null,
      agency: 'LA NACION',
    })
  })

  it('reads EPA-EFE, epa and the Canadian Press handout form', () => {
    expect(split('Gamers prepare. EPA-EFE/ALEX HOFFORD')).toMatchObject({
      caption: 'Gamers prepare.',
      photographer: 'Alex Hofford',
      agency: 'EPA-EFE',
    })
    expect(
      split('Their burned-down home. THE CANADIAN PRESS/HO-Annick deGooyer, *MANDATORY CREDIT*'),
    ).toMatchObject({
      caption: 'Their burned-down home.',
      photographer: 'Annick deGooyer',
      agency: 'THE CANADIAN PRESS',
    })
  })

  it('accepts a full stop after a bracketed or wire credit', () => {
    expect(split('Bush drops his dog. (AP Photo/Duane A. Laverty).')).toMatchObject({
      caption: 'Bush drops his dog.',
      photographer: 'Duane A. Laverty',
    })
    expect(split('He named his son Kwame Badu. REUTERS/Francis Kokoroko.')).toMatchObject({
      caption: 'He named his son Kwame Badu.',
      photographer: 'Francis Kokoroko',
      agency: 'REUTERS',
    })
  })

  it('unglues a hidden "Credit" label', () => {
    expect(
      split(
        'A caregiver comforts a baby in Beni.CreditDiana Zeyneb Alhindawi for The New York Times',
      ),
    ).toEqual({
      caption: 'A caregiver comforts a baby in Beni.',
      raw: 'CreditDiana Zeyneb Alhindawi for The New York Times',
      photographer: 'Diana Zeyneb Alhindawi',
      agency: 'The New York Times',
    })
  })

  it('keeps the dts caption, which names the person pictured', () => {
    expect(split('Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur')).toEqual({
      caption: 'Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur',
      raw: 'Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur',
      photographer: null,
      agency: 'dts Nachrichtenagentur',
    })
  })

  it('says so when there is no credit', () => {
    for (const caption of [
      'Police officers are seen outside the parliament in Tunis.',
      'France won the match 4-2.',
      'A man walks past an armoured carrier parked on a Harare street on Thursday',
      'The king (pictured)',
      'He said it was a gift. John Smith',
      '',
    ]) {
      expect(splitCaptionCredit(caption), caption).toEqual({ caption, credit: null })
    }
  })
})

describe('looksLikeCreditLine', () => {
  it('accepts lines that are only a credit', () => {
    for (const line of [
      'DELIL SOULEIMAN / AFP',
      '(AP Photo/Evan Vucci)',
      'Photo: Joseph Cox',
      'Reuters',
      'Kevin Frayer/Getty Images',
      'Photograph: Adrian Malloch for the Guardian',
    ]) {
      expect(looksLikeCreditLine(line), line).toBe(true)
    }
  })

  it('refuses body text, bylines and site trailers', () => {
    for (const line of [
      'Join Our Channels',
      'John Smith',
      'By John Smith',
      'Iran said Monday attacks on US forces were a result of wrong policies.',
      'Share this article',
      '',
    ]) {
      expect(looksLikeCreditLine(line), line).toBe(false)
    }
  })
})
