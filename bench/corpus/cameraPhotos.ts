import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import {
  withCameraPreviews,
  withIptc,
  type IptcRecord,
} from '../../main/core/importers/testing/jpegSegments'
import { createRng, type Rng } from './prng'
import { FIRST_NAMES, LAST_NAMES, PLACES } from './vocabularies'

/** A full-size camera frame: 6000 × 4000 = 24 MP, as a current agency DSLR or mirrorless. */
export const FRAME = { width: 6000, height: 4000 }

/** The credit a generated photo carries, to check what the import read. */
export interface ExpectedCredit {
  photographer: string
  /** The agency as the credit line prints it (`REUTERS`) and its usual name (`Reuters`). */
  agency: string[]
}

export interface GeneratedPhoto {
  path: string
  bytes: number
  credit: ExpectedCredit
}

interface Frame {
  /** The 24 MP JPEG, no metadata. */
  image: Buffer
  /** A 1620 × 1080 preview (what Sony and Nikon store in MPF) and a 160 × 120 EXIF thumbnail. */
  preview: Buffer
  thumbnail: Buffer
}

const AGENCIES: [credit: string, agency: string][] = [
  ['AFP', 'AFP'],
  ['REUTERS', 'Reuters'],
  ['AP', 'AP'],
  ['EPA-EFE', 'EPA'],
  ['Getty Images', 'Getty Images'],
]

/**
 * Render one frame: smooth random shapes (a 48 × 32 random image enlarged with a cubic kernel)
 * under gaussian sensor noise, so the JPEG at quality 85 is about 5.5 MB like a real 24 MP frame
 * (a flat synthetic image would be a few hundred KB and decode unrealistically fast).
 */
async function renderFrame(rng: Rng): Promise<Frame> {
  const { width, height } = FRAME
  const seed = Buffer.alloc(48 * 32 * 3)
  for (let i = 0; i < seed.length; i++) seed[i] = rng.int(0, 255)
  const shapes = await sharp(seed, { raw: { width: 48, height: 32, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer()
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 13 },
    },
  })
    .raw()
    .toBuffer()
  for (let i = 0; i < shapes.length; i++) {
    const v = shapes[i] + noise[i] - 128
    shapes[i] = v < 0 ? 0 : v > 255 ? 255 : v
  }
  const raw = { raw: { width, height, channels: 3 as const } }
  const image = await sharp(shapes, raw).jpeg({ quality: 85 }).toBuffer()
  const preview = await sharp(shapes, raw).resize(1620, 1080).jpeg({ quality: 80 }).toBuffer()
  // Cameras letterbox the 3:2 frame into a 160 × 120 EXIF thumbnail.
  const thumbnail = await sharp(shapes, raw)
    .resize(160, 120, { fit: 'contain', background: '#000' })
    .jpeg({ quality: 75 })
    .toBuffer()
  return { image, preview, thumbnail }
}

/**
 * Write `count` distinct 24 MP JPEGs into `dir`, each with an IPTC caption, by-line, credit and
 * source in APP13 and EXIF orientation; `withPreview` ones also carry the previews a camera
 * embeds (EXIF thumbnail in APP1, a 1620 × 1080 MPF preview after the image). `frames` distinct
 * pictures are rendered and shared round-robin; every file differs in its caption (so in its
 * hash), and decoding costs the same as for distinct pictures.
 */
export async function writeCameraPhotos(
  dir: string,
  count: number,
  options: { withPreview: boolean; frames?: number; seed?: number },
): Promise<GeneratedPhoto[]> {
  await mkdir(dir, { recursive: true })
  const rng = createRng(options.seed ?? 2026, options.withPreview ? 1 : 0)
  const frames: Frame[] = []
  for (let i = 0; i < Math.min(count, options.frames ?? 4); i++) frames.push(await renderFrame(rng))
  const out: GeneratedPhoto[] = []
  for (let i = 0; i < count; i++) {
    const frame = frames[i % frames.length]
    const first = rng.pick(FIRST_NAMES)
    const last = rng.pick(LAST_NAMES)
    const place = rng.pick(PLACES)
    const [creditLine, agency] = rng.pick(AGENCIES)
    const record: IptcRecord = {
      caption: `People walk past a damaged building in ${place} on March ${1 + (i % 28)}, 2026 (frame ${i + 1}).`,
      byline: [`${first} ${last}`.toUpperCase()],
      credit: creditLine,
      source: creditLine,
      headline: `Daily life in ${place}`,
      city: place,
      dateCreated: `202603${String(1 + (i % 28)).padStart(2, '0')}`,
      keywords: ['news', place],
    }
    const tagged = withIptc(frame.image, record)
    const bytes = withCameraPreviews(
      tagged,
      options.withPreview ? { thumbnail: frame.thumbnail, preview: frame.preview } : {},
    )
    const path = join(
      dir,
      `${options.withPreview ? 'CAM' : 'IMG'}_${String(i).padStart(4, '0')}.jpg`,
    )
    await writeFile(path, bytes)
    out.push({
      path,
      bytes: bytes.length,
      credit: { photographer: `${first} ${last}`, agency: [creditLine, agency] },
    })
  }
  return out
}
