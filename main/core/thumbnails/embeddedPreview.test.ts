import { describe, expect, it } from 'vitest'
import { withCameraPreviews, withIptc } from '../importers/testing/jpegSegments'
import { solidJpeg } from '../importers/testing/testImages'
import { choosePreview, findEmbeddedPreviews } from './embeddedPreview'

const red = { r: 220, g: 20, b: 20 }

async function cameraFile() {
  const image = await solidJpeg(3000, 2000, red)
  const thumbnail = await solidJpeg(160, 120, red, 70) // letterboxed 4:3, as cameras write it
  const preview = await solidJpeg(1620, 1080, red, 80)
  const tagged = withIptc(image, { caption: 'A caption', credit: 'AFP' })
  return { bytes: withCameraPreviews(tagged, { thumbnail, preview }), thumbnail, preview }
}

describe('findEmbeddedPreviews', () => {
  it('finds the EXIF thumbnail (APP1 IFD1) and the MPF preview stored after the image', async () => {
    const { bytes, thumbnail, preview } = await cameraFile()
    const found = findEmbeddedPreviews(bytes)
    expect(found.map((p) => [p.from, p.width, p.height, p.bytes.length])).toEqual([
      ['exif', 160, 120, thumbnail.length],
      ['mpf', 1620, 1080, preview.length],
    ])
    expect(Buffer.from(found[1].bytes).equals(Buffer.from(preview))).toBe(true)
  })

  it('finds nothing in a JPEG without previews, and never throws on garbage', async () => {
    expect(findEmbeddedPreviews(await solidJpeg(100, 50, red))).toEqual([])
    expect(
      findEmbeddedPreviews(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2])),
    ).toEqual([])
    const noise = new Uint8Array(5000).map((_, i) => (i * 7919) % 251)
    noise.set([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x49, 0x49, 42, 0])
    expect(() => findEmbeddedPreviews(noise)).not.toThrow()
  })

  it('leaves out a preview the file was cut inside of', async () => {
    const { bytes } = await cameraFile()
    const cut = bytes.subarray(0, bytes.length - 1000)
    expect(findEmbeddedPreviews(cut).map((p) => p.from)).toEqual(['exif'])
  })
})

describe('choosePreview', () => {
  const image = { width: 6000, height: 4000 }
  const preview = (width: number, height: number) => ({
    bytes: new Uint8Array(0),
    from: 'mpf' as const,
    width,
    height,
  })

  it('takes the smallest preview that covers the thumbnail side', () => {
    const chosen = choosePreview(
      [preview(1620, 1080), preview(480, 320), preview(3000, 2000)],
      image,
      320,
    )
    expect([chosen?.width, chosen?.height]).toEqual([480, 320])
  })

  it('refuses previews too small, letterboxed (another aspect ratio) or as large as the image', () => {
    expect(choosePreview([preview(300, 200)], image, 320)).toBeUndefined()
    expect(choosePreview([preview(640, 480)], image, 320)).toBeUndefined()
    expect(choosePreview([preview(6000, 4000)], image, 320)).toBeUndefined()
  })

  it('accepts the preview of a portrait photo', () => {
    expect(choosePreview([preview(1080, 1620)], { width: 4000, height: 6000 }, 320)).toBeDefined()
  })

  it('never takes a preview smaller than the thumbnail a small photo itself gives', () => {
    expect(choosePreview([preview(150, 100)], { width: 300, height: 200 }, 320)).toBeUndefined()
    expect(choosePreview([preview(300, 200)], { width: 600, height: 400 }, 320)).toBeUndefined()
  })
})
