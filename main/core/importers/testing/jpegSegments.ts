// Writers for the JPEG segments cameras and agencies put in their files, so tests and benches
// can build realistic photos without binary fixtures: IPTC-IIM in APP13, an EXIF thumbnail in
// APP1 (IFD1) and a Multi-Picture Format preview in APP2 (CIPA DC-007) stored after the image.

/** IPTC-IIM application record fields written by {@link withIptc} (UTF-8, declared in 1:90). */
export interface IptcRecord {
  caption?: string
  byline?: string[]
  credit?: string
  source?: string
  headline?: string
  objectName?: string
  city?: string
  country?: string
  /** `CCYYMMDD` */
  dateCreated?: string
  keywords?: string[]
}

const IIM_DATASETS: [keyof IptcRecord, number][] = [
  ['objectName', 5],
  ['keywords', 25],
  ['dateCreated', 55],
  ['byline', 80],
  ['city', 90],
  ['country', 101],
  ['headline', 105],
  ['credit', 110],
  ['source', 115],
  ['caption', 120],
]

/** `jpeg` with an APP13 Photoshop 3.0 segment holding the IIM record, right after SOI. */
export function withIptc(jpeg: Uint8Array, record: IptcRecord): Uint8Array {
  const datasets: Buffer[] = [dataset(1, 90, Buffer.from('\x1b%G', 'latin1'))]
  for (const [field, number] of IIM_DATASETS) {
    const value = record[field]
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      datasets.push(dataset(2, number, Buffer.from(v, 'utf8')))
    }
  }
  const iim = Buffer.concat(datasets)
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    u16be(0x0404),
    Buffer.from([0, 0]), // empty Pascal name, padded to even
    u32be(iim.length),
    iim,
    iim.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
  ])
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource])
  return insertAfterSoi(jpeg, [segment(0xed, payload)])
}

/**
 * `jpeg` with the previews a camera embeds: an EXIF IFD1 thumbnail (`thumbnail`, at most ~60 KB
 * so it fits APP1) and/or a Multi-Picture Format preview (`preview`, any size) appended after
 * the main image's EOI and indexed in APP2. EXIF `orientation` goes in IFD0.
 */
export function withCameraPreviews(
  jpeg: Uint8Array,
  options: { thumbnail?: Uint8Array; preview?: Uint8Array; orientation?: number },
): Uint8Array {
  const segments = [segment(0xe1, exifPayload(options.orientation ?? 1, options.thumbnail))]
  if (!options.preview) return insertAfterSoi(jpeg, segments)
  // The MP entries point from the MPF header to the preview after the image: lay the file out
  // once with a placeholder to learn those offsets (sizes do not depend on them).
  const mpf = (offset: number, primary: number) =>
    segment(0xe2, mpfPayload(primary, options.preview!.length, offset))
  const draft = insertAfterSoi(jpeg, [...segments, mpf(0, 0)])
  const mpfHeader = 2 + segments.reduce((n, s) => n + s.length, 0) + 4 + 4 // SOI, APP1, marker+length, 'MPF\0'
  const main = insertAfterSoi(jpeg, [...segments, mpf(draft.length - mpfHeader, draft.length)])
  return new Uint8Array(Buffer.concat([main, options.preview]))
}

function exifPayload(orientation: number, thumbnail?: Uint8Array): Buffer {
  // TIFF header (8) + IFD0 with Orientation (2 + 12 + 4) = 26; IFD1 follows when there is a thumbnail.
  const ifd0 = Buffer.concat([
    Buffer.from('II*\0', 'latin1'),
    u32le(8),
    u16le(1),
    entry(0x0112, 3, 1, orientation),
    u32le(thumbnail ? 26 : 0),
  ])
  if (!thumbnail) return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), ifd0])
  const ifd1Size = 2 + 3 * 12 + 4
  const ifd1 = Buffer.concat([
    u16le(3),
    entry(0x0103, 3, 1, 6), // Compression: JPEG
    entry(0x0201, 4, 1, 26 + ifd1Size), // JPEGInterchangeFormat
    entry(0x0202, 4, 1, thumbnail.length), // JPEGInterchangeFormatLength
    u32le(0),
  ])
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), ifd0, ifd1, thumbnail])
}

function mpfPayload(primarySize: number, previewSize: number, previewOffset: number): Buffer {
  const entriesOffset = 8 + 2 + 3 * 12 + 4
  return Buffer.concat([
    Buffer.from('MPF\0', 'latin1'),
    Buffer.from('II*\0', 'latin1'),
    u32le(8),
    u16le(3),
    Buffer.concat([u16le(0xb000), u16le(7), u32le(4), Buffer.from('0100', 'latin1')]),
    entry(0xb001, 4, 1, 2),
    entry(0xb002, 7, 32, entriesOffset),
    u32le(0),
    // MP entries: attribute, size, offset (from the MPF header; 0 for the primary), dependents
    u32le(0x20030000),
    u32le(primarySize),
    u32le(0),
    u32le(0),
    u32le(0x00010001), // large thumbnail (VGA equivalent)
    u32le(previewSize),
    u32le(previewOffset),
    u32le(0),
  ])
}

function insertAfterSoi(jpeg: Uint8Array, segments: Buffer[]): Uint8Array {
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]))
}

function segment(marker: number, payload: Buffer): Buffer {
  if (payload.length + 2 > 0xffff) throw new Error(`segment of ${payload.length} bytes is too long`)
  return Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload])
}

function dataset(record: number, number: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x1c, record, number]), u16be(value.length), value])
}

function entry(tag: number, type: number, count: number, value: number): Buffer {
  const field = type === 3 ? Buffer.concat([u16le(value), u16le(0)]) : u32le(value)
  return Buffer.concat([u16le(tag), u16le(type), u32le(count), field])
}

const u16be = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff])
const u16le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff])
const u32be = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b
}
const u32le = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}
