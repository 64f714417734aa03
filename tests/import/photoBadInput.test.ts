import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withCameraPreviews, withIptc } from '../../main/core/importers/testing/jpegSegments'
import { jpegBomb, pngBomb, solidJpeg } from '../../main/core/importers/testing/testImages'
import type { PhotoItem } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { tempDir } from '../helpers'

// Photos sharp cannot decode are refused one by one with a clear reason, through the import
// worker of a real archive, with sharp and with the pure-JS fallback alike; the rest goes on.
describe.each(['sharp', 'js'])(
  'a folder of photos with bad files in it (%s decoder)',
  (decoder) => {
    let dir: string
    let cleanup: () => Promise<void>
    const files: Record<string, string> = {}

    beforeAll(async () => {
      process.env.MORGUE_IMAGE_DECODER = decoder // the import worker starts with this environment
      ;({ dir, cleanup } = await tempDir())
      const put = async (name: string, bytes: Uint8Array | string) => {
        files[name] = join(dir, 'card', name)
        await writeFile(files[name], bytes)
      }
      await mkdir(join(dir, 'card'))
      const caption = (n: number) => ({
        caption: `Fighters in Raqa on June ${n}.`,
        byline: ['DELIL SOULEIMAN'],
        credit: 'AFP',
      })
      const good = withIptc(await solidJpeg(2400, 1600, { r: 200, g: 90, b: 40 }), caption(6))
      await put('a-good.jpg', good)
      await put(
        'b-good-with-preview.jpg',
        withCameraPreviews(
          withIptc(await solidJpeg(2400, 1600, { r: 40, g: 90, b: 200 }), caption(7)),
          { preview: await solidJpeg(1620, 1080, { r: 40, g: 90, b: 200 }) },
        ),
      )
      await put('c-truncated.jpg', good.subarray(0, Math.floor(good.length * 0.7)))
      await put('d-bomb.jpg', await jpegBomb(50_000, 50_000))
      await put('e-bomb.png', await pngBomb(50_000, 50_000))
      await put('f-not-an-image.jpg', 'Dear desk, the photos follow in the next mail.\n')
      const scrambled = new Uint8Array(good)
      scrambled.fill(0x5a, 700, good.length - 2) // tables and scan overwritten, markers at the ends kept
      await put('g-scrambled.jpg', scrambled)
    })
    afterAll(async () => {
      delete process.env.MORGUE_IMAGE_DECODER
      await cleanup()
    })

    it('imports the good photos and gives each bad file its own reason', async () => {
      const archive = await openArchive(join(dir, `archive-${decoder}`))
      try {
        const report = await archive.importPaths([join(dir, 'card')])
        const reason = (name: string) =>
          report.outcomes.find((o) => o.source === files[name])?.reason
        expect(report.imported).toBe(2)
        expect(report.failed).toBe(5)
        expect(reason('c-truncated.jpg')).toBe(
          'c-truncated.jpg is truncated: the file ends inside its image data (an interrupted copy or download).',
        )
        for (const name of ['d-bomb.jpg', 'e-bomb.png']) {
          expect(reason(name)).toBe(
            `${name} is 50,000 × 50,000 pixels (2,500 megapixels), more than the 268 megapixels Morgue decodes: it was refused as a possible decompression bomb.`,
          )
        }
        expect(reason('f-not-an-image.jpg')).toBe(
          'f-not-an-image.jpg is not a JPEG image: its content is not an image format Morgue reads.',
        )
        // sharp: "VipsJpeg: Corrupt JPEG data: bad Huffman code"; jpeg-js: "invalid huffman sequence"
        expect(reason('g-scrambled.jpg')).toMatch(
          /^g-scrambled\.jpg is damaged: its image data cannot be decoded \(.*huffman.*\)\.$/i,
        )

        const photos = await Promise.all(
          archive
            .list({ sort: 'title' })
            .items.map(async (s) => (await archive.get(s.id)) as PhotoItem),
        )
        expect(photos.map((p) => [p.photo.caption, p.photo.credit?.photographer])).toEqual([
          ['Fighters in Raqa on June 6.', 'Delil Souleiman'],
          ['Fighters in Raqa on June 7.', 'Delil Souleiman'],
        ])
        for (const p of photos) {
          expect(p.photo.thumbnail?.mime).toBe('image/jpeg')
          expect(p.photo.meta).toMatchObject({ width: 2400, height: 1600 })
        }
      } finally {
        await archive.close()
      }
    })
  },
)
