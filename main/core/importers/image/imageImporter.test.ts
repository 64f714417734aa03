import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PhotoDraft } from '../../model'
import { ImportError } from '../importer'
import { createImageImporter, imageImporter } from './imageImporter'
import { composeCreditLine } from './photoCredit'
import { memoryImportContext } from '../testing/memoryImportContext'

const corpus = path.resolve(__dirname, '../../../..', '../shared/corpora/iptc-images')
const expected = JSON.parse(readFileSync(path.join(corpus, 'expected-metadata.json'), 'utf8'))
  .files as Record<string, Record<string, unknown>>
const imageNames = Object.keys(expected).filter((f) => !f.endsWith('.xmp'))

async function importFile(name: string): Promise<PhotoDraft> {
  const file = path.join(corpus, name)
  const ctx = memoryImportContext()
  const drafts = await imageImporter.import({ source: file, bytes: readFileSync(file) }, ctx)
  expect(drafts).toHaveLength(1)
  return drafts[0] as PhotoDraft
}

/** ExifTool's reading of a field, XMP first then IIM then EXIF (the importer's precedence). */
function expectedFields(e: Record<string, unknown>): Record<string, unknown> {
  const pick = (...keys: string[]) => keys.map((k) => e[k]).find((v) => v !== undefined)
  const asList = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])
  const creators = asList(pick('XMP-dc:Creator', 'IPTC:By-line', 'IFD0:Artist'))
  const date = pick('IPTC:DateCreated') as string | undefined
  const [w, h] = String(e['Composite:ImageSize'] ?? '')
    .split('x')
    .map(Number)
  return {
    caption: pick('XMP-dc:Description', 'IPTC:Caption-Abstract', 'IFD0:ImageDescription'),
    headline: pick('XMP-photoshop:Headline', 'IPTC:Headline'),
    creator: creators?.join('; '),
    creditLine: pick('XMP-photoshop:Credit', 'IPTC:Credit'),
    source: pick('XMP-photoshop:Source', 'IPTC:Source'),
    copyright: pick('XMP-dc:Rights', 'IPTC:CopyrightNotice', 'IFD0:Copyright'),
    city: pick('IPTC:City'),
    country: pick('IPTC:Country-PrimaryLocationName'),
    date: date?.replace(/:/g, '-'),
    keywords: asList(pick('XMP-dc:Subject', 'IPTC:Keywords')),
    width: w || undefined,
    height: h || undefined,
  }
}

// Where we knowingly differ from ExifTool's IIM reading: in both Canadian Press files the XMP
// DateCreated (when the photo was taken: 2020-07-08 matches the caption's "July 8, 2020") beats
// the IIM date (when the agency re-sent it); the importer prefers XMP everywhere.
const KNOWN_DIFFERENCES = new Set([
  'cp-handout-GAC103-thumb.jpg:date',
  'cp-montreal-police.jpg:date',
])

describe('imageImporter against ExifTool (iptc-images/expected-metadata.json)', () => {
  it('reads caption, headline, creator, credit, source, copyright, place, date, keywords, size', async () => {
    let agree = 0
    let total = 0
    const disagreements: string[] = []
    for (const name of imageNames) {
      const draft = await importFile(name)
      const meta = draft.photo.meta ?? {}
      // The caption field keeps the whole embedded caption minus a trailing credit; compare the
      // metadata field, which is stored verbatim.
      const actual: Record<string, unknown> = {
        caption: undefined as string | undefined,
        headline: meta.headline,
        creator: meta.creator,
        creditLine: meta.creditLine,
        source: meta.source,
        copyright: meta.copyright,
        city: meta.city,
        country: meta.country,
        date: meta.dateCreated?.slice(0, 10),
        keywords: meta.keywords,
        width: meta.width,
        height: meta.height,
      }
      const want = expectedFields(expected[name])
      const captionWithCredit = [draft.photo.caption, draft.photo.credit?.raw]
      for (const [field, value] of Object.entries(want)) {
        if (value === undefined) continue
        total++
        const ok =
          field === 'caption'
            ? norm(captionWithCredit[0]) !== '' &&
              norm(value).startsWith(norm(captionWithCredit[0]))
            : JSON.stringify(actual[field]) === JSON.stringify(value)
        if (ok) agree++
        else if (!KNOWN_DIFFERENCES.has(`${name}:${field}`))
          disagreements.push(
            `${name}:${field}: ${JSON.stringify(actual[field] ?? captionWithCredit[0])} vs ${JSON.stringify(value)}`,
          )
      }
    }
    console.log(`iptc-images: ${agree}/${total} metadata fields agree with ExifTool`)
    expect(disagreements).toEqual([])
    expect(agree).toBeGreaterThanOrEqual(total - KNOWN_DIFFERENCES.size)
  })

  it('archives the image and a thumbnail no larger than 320 px for every file', async () => {
    for (const name of imageNames) {
      const file = path.join(corpus, name)
      const bytes = readFileSync(file)
      const ctx = memoryImportContext()
      const { blobs } = ctx
      const [draft] = (await imageImporter.import({ source: file, bytes }, ctx)) as PhotoDraft[]
      expect(draft.photo.image?.sha256).toBe(expected[name].sha256)
      expect(draft.photo.image?.fileName).toBe(name)
      expect(blobs.get(draft.photo.image!.sha256)?.bytes).toEqual(new Uint8Array(bytes))
      const thumb = draft.photo.thumbnail
      expect(thumb, name).toBeDefined()
      expect(thumb!.mime).toBe('image/jpeg')
      expect(blobs.has(thumb!.sha256)).toBe(true)
    }
  })

  it('keeps a photo with no metadata, titled by its file name', async () => {
    const draft = await importFile('no-metadata.jpg')
    expect(draft.kind).toBe('photo')
    expect(draft.title).toBe('no-metadata.jpg')
    expect(draft.photo.caption).toBe('')
    expect(draft.photo.credit).toBeNull()
    expect(draft.photo.meta).toEqual({ width: 250, height: 188 })
    expect(draft.tags).toEqual([])
    expect(draft.origin).toEqual({ kind: 'image', path: path.join(corpus, 'no-metadata.jpg') })
  })

  it('titles by headline, then a worded object name, then the first sentence', async () => {
    expect((await importFile('iptc-staff-photographer-example.jpg')).title).toBe(
      'Farmer planting onions',
    )
    expect((await importFile('cp-montreal-police.jpg')).title).toBe(
      'MORT PIÉTONNE MONTRÉAL 20201014',
    )
    expect((await importFile('dreamstime-copyright-only.jpg')).title).toBe(
      'dreamstime-copyright-only.jpg',
    )
  })

  it('turns keywords into tags but drops wire codes', async () => {
    expect((await importFile('reuters-GM1EA7M13RP01-view.jpg')).tags).toEqual([])
    const tif = await importFile('tif-with-iptc-icc-xmp.tif')
    // Its lr:hierarchicalSubject lists each path with all its ancestors: the deepest are kept.
    expect(tif.tags).toEqual([
      'Jet2.com_Keywords/Geographic Keywords/Europe/Turkey/DLM_Dalaman/Dalyan',
      'Jet2.com_Keywords/Image Source/Photographer - Gavin Priestley',
    ])
  })

  it('dates the item by the date the photo was created', async () => {
    expect((await importFile('ap-bush-dog.jpg')).publishedAt).toBe('2003-08-30')
    expect((await importFile('reuters-LYNXMPEA6F13M-view.jpg')).publishedAt).toBe(
      '2014-07-16T20:15:21+00:00',
    )
  })

  it('fills the fields the image lacks from an XMP sidecar', async () => {
    const sidecar = readFileSync(path.join(corpus, 'BonTonARTSTORplusIPTC.xmp'))
    const importer = createImageImporter({ readSidecar: async () => sidecar })
    const ctx = memoryImportContext()
    const bytes = readFileSync(path.join(corpus, 'no-metadata.jpg'))
    const [draft] = (await importer.import({ source: 'plain.jpg', bytes }, ctx)) as PhotoDraft[]
    expect(draft.photo.meta?.creator).toBe('Allan Kohl')
    expect(draft.photo.meta?.headline).toBe(
      'Do you know your lesson?: Tailored ensembles imagined by Jeanne Lanvin',
    )
    expect(draft.photo.meta?.creditLine).toBe(
      'Allan Kohl; Minneapolis College of Art & Design Visual Resource Collection',
    )
    expect(draft.photo.meta?.width).toBe(250) // the pixels' size, not the sidecar's
  })

  it('lets the sidecar win over the embedded metadata where both have a field', async () => {
    const bytes = readFileSync(path.join(corpus, 'reuters-GM1EA7M13RP01-view.jpg'))
    const embedded = (await createImageImporter({ readSidecar: async () => undefined }).import(
      { source: 'wire.jpg', bytes },
      memoryImportContext(),
    )) as PhotoDraft[]
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
        <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Vin Diesel at the premiere, corrected by the desk.</rdf:li></rdf:Alt></dc:description>
        <dc:creator><rdf:Seq><rdf:li>Jane Desk</rdf:li></rdf:Seq></dc:creator>
        <photoshop:City>Hollywood</photoshop:City>
      </rdf:Description></rdf:RDF></x:xmpmeta>`
    const importer = createImageImporter({ readSidecar: async () => new TextEncoder().encode(xmp) })
    const [draft] = (await importer.import(
      { source: 'wire.jpg', bytes },
      memoryImportContext(),
    )) as PhotoDraft[]
    expect(draft.photo.caption).toBe('Vin Diesel at the premiere, corrected by the desk.')
    expect(draft.photo.meta?.creator).toBe('Jane Desk')
    expect(draft.photo.meta?.city).toBe('Hollywood')
    // Fields the sidecar does not have stay as embedded.
    expect(draft.photo.meta?.creditLine).toBe(embedded[0].photo.meta?.creditLine)
    expect(draft.photo.meta?.creditLine).toBeTruthy()
    expect(embedded[0].photo.caption).not.toBe(draft.photo.caption)
  })
})

describe('hierarchical keywords', () => {
  it('turns lr:hierarchicalSubject into tag paths, folding the flat levels Lightroom writes too', async () => {
    const bytes = readFileSync(path.join(corpus, 'reuters-GM1EA7M13RP01-view.jpg'))
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:lr="http://ns.adobe.com/lightroom/1.0/">
        <dc:subject><rdf:Bag><rdf:li>Places</rdf:li><rdf:li>Syria</rdf:li><rdf:li>Raqqa</rdf:li><rdf:li>Kurds</rdf:li><rdf:li>Portrait</rdf:li></rdf:Bag></dc:subject>
        <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places</rdf:li><rdf:li>Places|Syria</rdf:li><rdf:li>Places|Syria|Raqqa</rdf:li><rdf:li>People | Kurds</rdf:li></rdf:Bag></lr:hierarchicalSubject>
      </rdf:Description></rdf:RDF></x:xmpmeta>`
    const importer = createImageImporter({ readSidecar: async () => new TextEncoder().encode(xmp) })
    const [draft] = (await importer.import(
      { source: 'wire.jpg', bytes },
      memoryImportContext(),
    )) as PhotoDraft[]
    expect(draft.tags).toEqual(['Places/Syria/Raqqa', 'People/Kurds', 'Portrait'])
  })
})

describe('imageImporter on bad input', () => {
  const reuters = readFileSync(path.join(corpus, 'reuters-GM1EA7M13RP01-view.jpg'))
  const staff = readFileSync(path.join(corpus, 'iptc-staff-photographer-example.jpg'))

  it('imports a JPEG whose IPTC (APP13) segment is damaged, without that metadata', async () => {
    const bytes = new Uint8Array(reuters)
    const at = Buffer.from(bytes).indexOf('8BIM\x04\x04', 0, 'latin1')
    expect(at).toBeGreaterThan(0)
    bytes.fill(0xee, at + 4, at + 200) // resource id, name, size and first datasets
    const ctx = memoryImportContext()
    const [draft] = (await imageImporter.import(
      { source: 'damaged.jpg', bytes },
      ctx,
    )) as PhotoDraft[]
    expect(draft.kind).toBe('photo')
    expect(draft.photo.meta?.creator).toBeUndefined()
    expect(draft.photo.meta?.width).toBe(640)
    expect(draft.title).toBe('damaged.jpg')
  })

  it('imports a JPEG whose EXIF (APP1) segment is damaged, or refuses it clearly', async () => {
    const bytes = new Uint8Array(staff)
    const at = Buffer.from(bytes).indexOf('Exif\0\0', 0, 'latin1')
    expect(at).toBeGreaterThan(0)
    bytes.fill(0xff, at + 6 + 4, at + 6 + 64) // IFD0 offset and entries
    const ctx = memoryImportContext()
    const outcome = await imageImporter.import({ source: 'exif.jpg', bytes }, ctx).then(
      (drafts) => drafts,
      (error: unknown) => error,
    )
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ImportError)
    } else {
      expect((outcome as PhotoDraft[])[0].photo.image?.bytes).toBe(bytes.byteLength)
      // IPTC lives in its own segment and survives.
      expect((outcome as PhotoDraft[])[0].photo.meta?.headline).toBe('Farmer planting onions')
    }
  })

  it('refuses a JPEG cut inside its metadata: no image data left', async () => {
    const bytes = new Uint8Array(staff.subarray(0, 4000))
    const ctx = memoryImportContext()
    const { blobs } = ctx
    const error = await imageImporter
      .import({ source: '/photos/cut.jpg', bytes }, ctx)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toBe(
      'cut.jpg is damaged: it has no image data Morgue can read.',
    )
    expect(blobs.size).toBe(0)
  })

  it('refuses a text file named .jpg with a clear reason', async () => {
    const bytes = new TextEncoder().encode('<html><body>not a photo</body></html>')
    const ctx = memoryImportContext()
    const { blobs } = ctx
    const error = await imageImporter
      .import({ source: '/tmp/holiday.jpg', bytes }, ctx)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toBe(
      'holiday.jpg is not a JPEG image: its content is not an image format Morgue reads.',
    )
    expect(blobs.size).toBe(0)
  })

  it('accepts images by extension, MIME type or magic bytes, and nothing else', () => {
    const text = new TextEncoder().encode('hello')
    expect(imageImporter.accepts({ source: 'a.JPG', bytes: text })).toBe(true)
    expect(imageImporter.accepts({ source: 'x', bytes: text, contentType: 'image/webp' })).toBe(
      true,
    )
    expect(imageImporter.accepts({ source: 'noext', bytes: new Uint8Array(reuters) })).toBe(true)
    expect(imageImporter.accepts({ source: 'notes.txt', bytes: text })).toBe(false)
  })
})

describe('photo credits (need the real credit parser)', () => {
  it('composes By-line and Credit when they are separate fields', () => {
    expect(
      composeCreditLine({ creators: ['MARIO ANZUONI'], creditLine: 'REUTERS', keywords: [] }),
    ).toBe('MARIO ANZUONI / REUTERS')
    expect(
      composeCreditLine({
        creators: ['David Riecks'],
        creditLine: '©1985 David Riecks: www.riecks.com',
        keywords: [],
      }),
    ).toBe('©1985 David Riecks: www.riecks.com')
    expect(composeCreditLine({ creators: [], copyright: '(c) Aprescindere', keywords: [] })).toBe(
      '(c) Aprescindere',
    )
  })

  it.each([
    ['reuters-GM1EA7M13RP01-view.jpg', 'Mario Anzuoni', 'REUTERS'],
    ['ap-bush-dog.jpg', 'Duane A. Laverty', 'AP'],
    ['cp-montreal-police.jpg', 'Paul Chiasson', 'The Canadian Press'],
    ['iptc-staff-photographer-example.jpg', 'John Doe', 'Big Newspaper'],
    ['iptc-agency-photographer-example.jpg', 'Julie Doe', 'Mugwum Press'],
  ])('%s → photographer %s, agency %s', async (name, photographer, agency) => {
    const draft = await importFile(name)
    expect(draft.photo.credit?.photographer).toBe(photographer)
    expect(draft.photo.credit?.agency?.toLowerCase()).toBe(agency.toLowerCase())
  })

  it('takes the photographer from the By-line when the credit line names none', async () => {
    const draft = await importFile('iptc-independent-photographer-example.jpg')
    expect(draft.photo.credit?.raw).toBe('©1985 David Riecks: www.riecks.com')
    expect(draft.photo.credit?.photographer).toBe('David Riecks')
  })

  it('does not take an organisation By-line for a photographer', async () => {
    const draft = await importFile('reuters-LYNXMPEA6F0MS-view.jpg') // By-line REUTERS TV
    expect(draft.photo.credit?.photographer).toBeNull()
    expect(draft.photo.credit?.agency).toBe('REUTERS')
  })

  it('splits the credit off the end of a Reuters caption', async () => {
    const draft = await importFile('reuters-GM1EA7M13RP01-view.jpg')
    expect(draft.photo.caption).not.toContain('REUTERS/Mario Anzuoni')
    expect(draft.photo.caption).toMatch(/^Cast member Vin Diesel arrives/)
    expect(draft.source?.toLowerCase()).toBe('reuters')
  })
})

function norm(v: unknown): string {
  return String(v ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}
