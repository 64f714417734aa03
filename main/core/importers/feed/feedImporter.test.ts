import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../../model'
import { ImportError, type ImportContext } from '../importer'
import { feedImporter } from './feedImporter'

const ctx: ImportContext = {
  putBlob: async () => {
    throw new Error('feeds keep image URLs; nothing is stored')
  },
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>World News &amp; Pictures</title>
  <link>https://news.example.org/</link>
  <language>en-gb</language>
  <item>
    <title>Forces enter Raqa</title>
    <link>https://news.example.org/raqa</link>
    <dc:creator>Jane Reporter</dc:creator>
    <pubDate>Tue, 06 Jun 2017 09:30:00 GMT</pubDate>
    <category>Syria</category>
    <category>Conflict</category>
    <category>syria</category>
    <description>Short summary of the day.</description>
    <content:encoded><![CDATA[<p>Forces entered <b>the city</b> on Tuesday.</p>
      <script>alert(1)</script>
      <figure><img src="/img/map.png" alt="map"><figcaption>A map of the front line.
        <span class="credit">Graphic: Jane Doe/News</span></figcaption></figure>
      <p>Residents fled&nbsp;the fighting.<br>Many walked.</p>]]></content:encoded>
    <media:content url="https://cdn.example.org/raqa.jpg" medium="image" width="1024">
      <media:description>Fighters in Raqa on June 6, 2017.</media:description>
      <media:credit role="photographer">DELIL SOULEIMAN / AFP</media:credit>
    </media:content>
    <enclosure url="https://cdn.example.org/raqa2.jpg" type="image/jpeg" length="1234"/>
  </item>
  <item>
    <title>Second story</title>
    <guid isPermaLink="true">https://news.example.org/second</guid>
    <description>&lt;p&gt;Escaped HTML body.&lt;/p&gt;&lt;p&gt;Two paragraphs.&lt;/p&gt;</description>
    <media:thumbnail url="https://cdn.example.org/thumb.jpg"/>
  </item>
</channel>
</rss>`

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xmlns:media="http://search.yahoo.com/mrss/">
  <title type="text">Le Fil</title>
  <link rel="alternate" href="https://fil.example.fr/"/>
  <entry>
    <title type="html">L&#39;&lt;em&gt;entrée&lt;/em&gt; à Raqqa</title>
    <link rel="self" href="https://fil.example.fr/api/1"/>
    <link rel="alternate" href="https://fil.example.fr/raqqa"/>
    <author><name>Marie Dupont</name></author>
    <author><name>Paul Martin</name></author>
    <published>2017-06-06T11:00:00+02:00</published>
    <updated>2017-06-07T08:00:00Z</updated>
    <category term="syrie" label="Syrie"/>
    <summary>Résumé court.</summary>
    <content type="html">&lt;p&gt;Premier paragraphe.&lt;/p&gt;&lt;p&gt;Deuxième.&lt;/p&gt;</content>
    <media:group>
      <media:content url="https://fil.example.fr/a.jpg" type="image/jpeg"/>
      <media:description>Des combattants à Raqqa. DELIL SOULEIMAN / AFP</media:description>
    </media:group>
  </entry>
</feed>`

async function importText(text: string | Uint8Array, source = '/feeds/world.rss') {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  return (await feedImporter.import({ source, bytes }, ctx)) as ArticleDraft[]
}

describe('feedImporter: RSS 2.0', () => {
  it('makes one article per item with title, link, author, date, source, tags and body', async () => {
    const [first, second] = await importText(RSS)
    expect(first).toMatchObject({
      kind: 'article',
      title: 'Forces enter Raqa',
      url: 'https://news.example.org/raqa',
      byline: 'Jane Reporter',
      publishedAt: '2017-06-06T09:30:00.000Z',
      source: 'World News & Pictures',
      tags: ['Syria', 'Conflict'],
      excerpt: 'Short summary of the day.',
      language: 'en-gb',
      origin: { kind: 'feed', path: '/feeds/world.rss' },
    })
    expect(first.body).toEqual([
      'Forces entered the city on Tuesday.',
      'Residents fled the fighting.\nMany walked.',
    ])
    expect(second.title).toBe('Second story')
    expect(second.url).toBe('https://news.example.org/second')
    expect(second.body).toEqual(['Escaped HTML body.', 'Two paragraphs.'])
  })

  it('turns media:content, enclosures and figures into photos with credits', async () => {
    const [first, second] = await importText(RSS)
    expect(first.photos.map((p) => [p.id, p.src, p.caption, p.credit?.raw ?? null])).toEqual([
      [
        'p0',
        'https://cdn.example.org/raqa.jpg',
        'Fighters in Raqa on June 6, 2017.',
        'DELIL SOULEIMAN / AFP',
      ],
      ['p1', 'https://cdn.example.org/raqa2.jpg', '', null],
      [
        'p2',
        'https://news.example.org/img/map.png',
        'A map of the front line.',
        'Graphic: Jane Doe/News',
      ],
    ])
    expect(second.photos).toEqual([
      { id: 'p0', caption: '', credit: null, src: 'https://cdn.example.org/thumb.jpg' },
    ])
  })

  it('parses media:credit with the credit parser', async () => {
    const [first] = await importText(RSS)
    expect(first.photos[0].credit).toMatchObject({ photographer: 'Delil Souleiman', agency: 'AFP' })
  })

  it('reads a feed declared as ISO-8859-1', async () => {
    const latin = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
      'Forces enter Raqa',
      'Les forces entrent à Raqqa, café',
    )
    const [first] = await importText(iconv.encode(latin, 'latin1'))
    expect(first.title).toBe('Les forces entrent à Raqqa, café')
  })
})

describe('feedImporter: Atom', () => {
  it('reads entries with alternate link, authors, published date, categories, content', async () => {
    const [entry] = await importText(ATOM, 'le-fil.atom')
    expect(entry).toMatchObject({
      title: "L'entrée à Raqqa",
      url: 'https://fil.example.fr/raqqa',
      byline: 'Marie Dupont, Paul Martin',
      publishedAt: '2017-06-06T11:00:00+02:00',
      source: 'Le Fil',
      tags: ['Syrie'],
      excerpt: 'Résumé court.',
      language: 'fr',
      body: ['Premier paragraphe.', 'Deuxième.'],
    })
  })

  it('splits a credit glued to the end of a media:description', async () => {
    const [entry] = await importText(ATOM, 'le-fil.atom')
    expect(entry.photos).toHaveLength(1)
    expect(entry.photos[0].src).toBe('https://fil.example.fr/a.jpg')
    expect(entry.photos[0].caption).toBe('Des combattants à Raqqa.')
    expect(entry.photos[0].credit).toMatchObject({ photographer: 'Delil Souleiman', agency: 'AFP' })
  })
})

describe('feedImporter: Atom text constructs', () => {
  it('reads inline XHTML content, CDATA and escaped HTML alike', async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
        <p>One &amp; <b>two</b>.</p><p>Three.</p></div></content></entry>
      <entry><title>y</title><content type="html"><![CDATA[<p>In CDATA &amp; kept.</p>]]></content>
        <summary type="html">&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;</summary></entry>
    </feed>`
    const [xhtml, cdata] = await importText(feed, 'x.atom')
    expect(xhtml.body).toEqual(['One & two.', 'Three.'])
    expect(cdata.body).toEqual(['In CDATA & kept.'])
    expect(cdata.excerpt).toBe('Fish & chips')
  })
})

describe('feedImporter on bad input', () => {
  it('refuses an .rss file that is not XML, saying where it breaks', async () => {
    const error = await importText('{"this": "is json"}').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toMatch(
      /^world\.rss is not a valid RSS or Atom feed: the XML is broken at line 1, column \d+/,
    )
  })

  it('refuses a truncated feed', async () => {
    const error = await importText(RSS.slice(0, RSS.length / 2)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toContain('is not a valid RSS or Atom feed')
  })

  it('refuses XML that is not a feed, and a feed without items', async () => {
    const notFeed = await importText('<?xml version="1.0"?><html><body/></html>').catch(
      (e: unknown) => e,
    )
    expect((notFeed as Error).message).toBe(
      'world.rss is XML but not a feed: its root element is <html>, not <rss> or <feed>.',
    )
    const empty = await importText('<rss version="2.0"><channel><title>x</title></channel></rss>')
      .then(() => null)
      .catch((e: unknown) => e)
    expect(empty).toBeInstanceOf(ImportError)
    expect((empty as Error).message).toBe('world.rss is a feed with no items.')
  })

  it('accepts feed files by extension or MIME type, and .xml only when it is a feed', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    expect(feedImporter.accepts({ source: 'x.rss', bytes: bytes('junk') })).toBe(true)
    expect(
      feedImporter.accepts({
        source: 'x',
        bytes: bytes('junk'),
        contentType: 'application/atom+xml',
      }),
    ).toBe(true)
    expect(feedImporter.accepts({ source: 'feed.xml', bytes: bytes(RSS) })).toBe(true)
    expect(feedImporter.accepts({ source: 'sitemap.xml', bytes: bytes('<urlset></urlset>') })).toBe(
      false,
    )
    expect(feedImporter.accepts({ source: 'page.html', bytes: bytes(RSS) })).toBe(false)
  })
})
