import { describe, expect, it } from 'vitest'
import { dropTrailers, isTrailer } from './boilerplate'

describe('boilerplate trailers', () => {
  it('drops trailers standing alone at the end', () => {
    expect(
      dropTrailers(['Body one.', 'Body two.', 'Join Our Channels', 'Share this article', '']),
    ).toEqual(['Body one.', 'Body two.'])
    expect(dropTrailers(['Body.', 'Follow us on Twitter and Facebook', 'Advertisement'])).toEqual([
      'Body.',
    ])
    expect(dropTrailers(['Body.', 'Read more:'])).toEqual(['Body.'])
  })

  it('keeps the same words inside the article or inside a sentence', () => {
    const body = ['Advertisement', 'Readers were asked to join our channels, he said.', 'End.']
    expect(dropTrailers(body)).toEqual(body)
    expect(isTrailer('Follow us on the long road to the final, the coach said')).toBe(false)
    expect(isTrailer('We follow us on every step.')).toBe(false)
    expect(isTrailer('Join Our Channels')).toBe(true)
  })
})
