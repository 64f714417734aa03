import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { extractPage } from './extractPage'
import { isDecorativeImage, isDecorativeSrc } from './decorativeImage'

const img = (html: string): Element => {
  const doc = new JSDOM(`<body><article><p>${html}</p></article></body>`).window.document
  return doc.querySelector('img')!
}

describe('logos, icons, avatars, pixels and social buttons are not photos', () => {
  it('tells them by size, role, file type and name', () => {
    expect(isDecorativeImage(img('<img src="/a.jpg" width="1" height="1">'), '/a.jpg')).toBe(true)
    expect(isDecorativeImage(img('<img src="/a.jpg" width="48">'), '/a.jpg')).toBe(true)
    expect(isDecorativeImage(img('<img src="/a.jpg" role="presentation">'), '/a.jpg')).toBe(true)
    expect(isDecorativeImage(img('<img src="/a.jpg" class="author-avatar">'), '/a.jpg')).toBe(true)
    expect(
      isDecorativeImage(img('<span class="share-buttons"><img src="/fb.png"></span>'), '/fb.png'),
    ).toBe(true)
    expect(isDecorativeImage(img('<img src="/x.png" alt="Logo">'), '/x.png')).toBe(true)
    expect(isDecorativeSrc('https://cdn.example/static/site-logo.png')).toBe(true)
    expect(isDecorativeSrc('https://cdn.example/icons/share_whatsapp.svg')).toBe(true)
    expect(isDecorativeSrc('https://www.facebook.com/tr?id=1&ev=PageView')).toBe(true)
    expect(isDecorativeSrc('https://pixel.wp.com/g.gif?v=1')).toBe(true)
    expect(isDecorativeSrc('https://secure.gravatar.com/avatar/abc?s=64')).toBe(true)
  })

  it('keeps real photos, also with "logo" or "icon" inside a longer word or a caption', () => {
    const photo = img('<img src="/photos/2017/raqa-fighters.jpg" width="1200" height="800" alt="">')
    expect(isDecorativeImage(photo, '/photos/2017/raqa-fighters.jpg')).toBe(false)
    expect(isDecorativeSrc('https://cdn.example/images/iconic-bridge-at-dawn.jpg')).toBe(false)
    expect(isDecorativeSrc('https://cdn.example/2019/ecologist-in-the-field.jpg')).toBe(false)
    const captioned = img(
      '<img src="/p.jpg" alt="Protesters hold the party logo aloft in the square">',
    )
    expect(isDecorativeImage(captioned, '/p.jpg')).toBe(false)
  })

  it('leaves them out of an extracted page’s photos', () => {
    const words = 'The river rose through the night and the volunteers filled sandbags until dawn. '
    const page = extractPage(
      `<html><head><title>Flood</title><meta property="og:image" content="https://news.example/static/logo-og.png"></head><body>
      <header><img src="https://news.example/static/logo.png" alt="News"></header>
      <article><h1>Flood</h1>
      <p class="byline"><img class="author-avatar" src="https://news.example/people/jane.jpg" alt="Jane Doe"> By Jane Doe</p>
      <p>${words.repeat(6)}</p>
      <figure><img src="https://news.example/photos/quay.jpg" width="1200" height="800"><figcaption>The quay. DELIL SOULEIMAN / AFP</figcaption></figure>
      <p>${words.repeat(6)}</p>
      <p><img src="https://news.example/photos/market.jpg" alt="The market under water"></p>
      <p><a href="https://twitter.com/share"><img src="https://news.example/img/twitter.png" alt="Share on Twitter"></a>
      <img src="https://www.facebook.com/tr?id=1" width="1" height="1" alt=""></p>
      </article></body></html>`,
      { url: 'https://news.example/world/flood.html' },
    )
    expect(page.photos.map((p) => p.src)).toEqual([
      'https://news.example/photos/quay.jpg',
      'https://news.example/photos/market.jpg',
    ])
  })
})
