import * as exifrModule from 'exifr'
import type { ImageFormat } from './imageFormat'
import { keywordPath } from '../../tags'
import { decodeXmlEntities } from './metadataText'
import { readIptcIim, type IptcFields } from './readIptcIim'

/**
 * The caption and rights fields of a photo, merged from XMP, IPTC-IIM and EXIF. Every string is
 * trimmed, NFC, never empty (absent instead).
 */
export interface EmbeddedMetadata {
  caption?: string
  headline?: string
  /** IPTC Object Name / XMP dc:title: often an agency slug such as `SYRIA-CRISIS-ASSAD`. */
  objectName?: string
  /** By-line / dc:creator / EXIF Artist, in order. */
  creators: string[]
  creditLine?: string
  source?: string
  copyright?: string
  city?: string
  country?: string
  /** ISO 8601 date (`2014-07-22`) or local date-time with offset when the file has one. */
  dateCreated?: string
  keywords: string[]
  /**
   * Hierarchical keywords as tag paths (`Places/Syria/Raqqa`): Lightroom's
   * `lr:hierarchicalSubject` and Media Pro's `mediapro:CatalogSets`, both `|`-separated.
   */
  keywordPaths?: string[]
  /** EXIF orientation 1–8. */
  orientation?: number
  /** Size from TIFF IFD0 (used for TIFF, where the stream size is not read directly). */
  width?: number
  height?: number
}

type Segments = Record<string, Record<string, unknown> | undefined>

// exifr ships a UMD bundle: loaded as CommonJS its functions are on the namespace, loaded by
// Node's ESM loader they sit under `default` (whose own `default` lacks `sidecar`).
type Exifr = Pick<typeof exifrModule, 'parse' | 'sidecar'>
const exifr: Exifr =
  typeof exifrModule.sidecar === 'function'
    ? exifrModule
    : (exifrModule as unknown as { default: Exifr }).default

const EXIFR_OPTIONS = {
  tiff: true,
  ifd0: {},
  exif: true,
  xmp: true,
  iptc: false, // read by readIptcIim: exifr's IIM reader stops early and assumes Latin-1
  icc: false,
  jfif: false,
  ihdr: true,
  gps: false,
  interop: false,
  ifd1: false,
  makerNote: false,
  userComment: false,
  multiSegment: true,
  mergeOutput: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  silentErrors: false,
} as const

/**
 * Read the embedded metadata of an image with exifr. Field precedence is XMP, then IPTC-IIM, then
 * EXIF: XMP is Unicode and unbounded, while IIM fields are truncated (Credit at 32 bytes) and
 * their character set is often undeclared. WebP is read from its `EXIF` and `XMP ` chunks.
 *
 * Throws exifr's error when EXIF/XMP is damaged and no IPTC-IIM could be read either; returns
 * empty fields when there is no metadata.
 */
export async function readEmbeddedMetadata(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<EmbeddedMetadata> {
  let segments: Segments = {}
  let failure: unknown
  try {
    segments = format === 'webp' ? await readWebpSegments(bytes) : await parseSegments(bytes)
  } catch (error) {
    failure = error
  }
  const iim = readIptcIim(bytes, format)
  // IIM sits in its own segment: a broken EXIF/XMP block must not take the caption with it.
  if (failure && !iim.caption && !iim.byline.length && !iim.credit) throw failure
  return mergeSegments(segments, iim)
}

/** Read an XMP sidecar file (`photo.xmp` beside `photo.jpg`) into the same fields. */
export async function readXmpSidecar(xmp: Uint8Array | string): Promise<EmbeddedMetadata> {
  // exifr reads a string argument as a path or URL: hand it bytes.
  const bytes = typeof xmp === 'string' ? Buffer.from(xmp, 'utf8') : toBuffer(xmp)
  const segments = ((await exifr.sidecar(bytes, { ...EXIFR_OPTIONS }, 'xmp')) ?? {}) as Segments
  return mergeSegments(segments, { keywords: [], byline: [] })
}

/**
 * The embedded metadata with an XMP sidecar's over it: where both have a field the sidecar
 * wins, as in Lightroom, Bridge, darktable and digiKam (the sidecar is where edits are saved);
 * fields only the image has are kept.
 */
export function mergeMetadata(
  embedded: EmbeddedMetadata,
  sidecar: EmbeddedMetadata,
): EmbeddedMetadata {
  const out: EmbeddedMetadata = { ...embedded, ...stripUndefined(sidecar) }
  out.creators = sidecar.creators.length ? sidecar.creators : embedded.creators
  out.keywords = sidecar.keywords.length ? sidecar.keywords : embedded.keywords
  out.keywordPaths = sidecar.keywordPaths ?? embedded.keywordPaths
  if (!out.keywordPaths) delete out.keywordPaths
  return out
}

async function parseSegments(bytes: Uint8Array): Promise<Segments> {
  const out = (await exifr.parse(toBuffer(bytes), { ...EXIFR_OPTIONS })) as Segments | undefined
  return out ?? {}
}

async function readWebpSegments(bytes: Uint8Array): Promise<Segments> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let segments: Segments = {}
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4))
    const size = view.getUint32(at + 4, true)
    const data = bytes.subarray(at + 8, at + 8 + size)
    if (id === 'EXIF') {
      const tiff = String.fromCharCode(...data.subarray(0, 4)) === 'Exif' ? data.subarray(6) : data
      segments = {
        ...segments,
        ...((await exifr.parse(toBuffer(tiff), { ...EXIFR_OPTIONS })) ?? {}),
      }
    } else if (id === 'XMP ') {
      const xmp = (await exifr.sidecar(toBuffer(data), { ...EXIFR_OPTIONS }, 'xmp')) ?? {}
      segments = { ...segments, ...xmp }
    }
    at += 8 + size + (size % 2) // chunks are padded to even sizes
  }
  return segments
}

function mergeSegments(s: Segments, iim: IptcFields): EmbeddedMetadata {
  const xmp = (ns: string, key: string) => s[ns]?.[key]
  const ifd0 = (key: string) => s.ifd0?.[key]
  const exif = (key: string) => s.exif?.[key]
  const xmpText = (ns: string, key: string) => langText(xmp(ns, key), decodeXmlEntities)
  const exifText = (value: unknown) => langText(value, (v) => v)

  const orientation = Number(ifd0('Orientation'))
  return {
    caption: xmpText('dc', 'description') ?? iim.caption ?? exifText(ifd0('ImageDescription')),
    headline: xmpText('photoshop', 'Headline') ?? iim.headline,
    objectName: xmpText('dc', 'title') ?? iim.objectName,
    creators: firstList(
      list(xmp('dc', 'creator'), decodeXmlEntities),
      iim.byline,
      list(ifd0('Artist'), (v) => v),
    ),
    creditLine: xmpText('photoshop', 'Credit') ?? iim.credit,
    source: xmpText('photoshop', 'Source') ?? iim.source,
    copyright: xmpText('dc', 'rights') ?? iim.copyright ?? exifText(ifd0('Copyright')),
    city: xmpText('photoshop', 'City') ?? iim.city,
    country: xmpText('photoshop', 'Country') ?? iim.country,
    dateCreated:
      xmpDate(xmp('photoshop', 'DateCreated')) ??
      iptcDate(iim.dateCreated, iim.timeCreated) ??
      exifDate(exif('DateTimeOriginal')) ??
      xmpDate(xmp('xmp', 'CreateDate') ?? xmp('xap', 'CreateDate')),
    keywords: firstList(list(xmp('dc', 'subject'), decodeXmlEntities), iim.keywords),
    keywordPaths: optionalList(
      firstList(
        list(xmp('lr', 'hierarchicalSubject'), decodeXmlEntities),
        list(xmp('mediapro', 'CatalogSets'), decodeXmlEntities),
      ).map((k) => keywordPath(k)),
    ),
    orientation: orientation >= 1 && orientation <= 8 ? orientation : undefined,
    width: positive(ifd0('ImageWidth')),
    height: positive(ifd0('ImageHeight') ?? ifd0('ImageLength')),
  }
}

/** A text value: plain, or an XMP language alternative (`x-default` wins), or its first item. */
function langText(value: unknown, decode: (v: string) => string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) {
    const preferred = value.find((v) => isLang(v) && v.lang === 'x-default') ?? value[0]
    return langText(preferred, decode)
  }
  if (isLang(value)) return langText(value.value, decode)
  if (typeof value === 'string' || typeof value === 'number') return clean(decode(String(value)))
  return undefined
}

function list(value: unknown, decode: (v: string) => string): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  return items.map((v) => langText(v, decode)).filter((v): v is string => v !== undefined)
}

function optionalList(items: string[]): string[] | undefined {
  const kept = items.filter(Boolean)
  return kept.length ? kept : undefined
}

function firstList(...lists: string[][]): string[] {
  return lists.find((l) => l.length > 0) ?? []
}

function isLang(v: unknown): v is { lang: unknown; value: unknown } {
  return typeof v === 'object' && v !== null && 'lang' in v && 'value' in v
}

function clean(text: string): string | undefined {
  const t = text.normalize('NFC').replace(/\r\n?/g, '\n').trim()
  return t || undefined
}

function positive(v: unknown): number | undefined {
  const n = Number(v)
  return Number.isInteger(n) && n > 0 ? n : undefined
}

/** XMP dates are ISO 8601 already (`2007-11-19T00:00-08:00`); keep them, checked. */
function xmpDate(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v.trim() : undefined
  return text && /^\d{4}(-\d\d(-\d\d([T ][\d:.]+([+-]\d\d:?\d\d|Z)?)?)?)?$/.test(text)
    ? text.replace(' ', 'T')
    : undefined
}

/** IIM: DateCreated `CCYYMMDD`, TimeCreated `HHMMSS±HHMM`. */
function iptcDate(date: unknown, time: unknown): string | undefined {
  const d = /^(\d{4})(\d\d)(\d\d)$/.exec(String(date ?? '').trim())
  if (!d || d[2] === '00') return undefined
  const day = `${d[1]}-${d[2]}-${d[3] === '00' ? '01' : d[3]}`
  const t = /^(\d\d)(\d\d)(\d\d)([+-]\d\d)(\d\d)$/.exec(String(time ?? '').trim())
  return t ? `${day}T${t[1]}:${t[2]}:${t[3]}${t[4]}:${t[5]}` : day
}

/** EXIF: `2013:09:07 06:45:12`, local time of the camera (no zone). */
function exifDate(v: unknown): string | undefined {
  const m = /^(\d{4}):(\d\d):(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(String(v ?? ''))
  if (!m || m[1] === '0000') return undefined
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
