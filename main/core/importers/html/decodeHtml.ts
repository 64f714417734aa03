import iconv from 'iconv-lite'
import { ImportError, MAX_IMPORT_BYTES } from '../importer'

/** Only the first bytes may declare a charset (the HTML spec's prescan looks at 1024). */
const PRESCAN_BYTES = 4096

/** The decoded page and the encoding it was read with. */
export interface DecodedHtml {
  html: string
  encoding: string
}

/**
 * Decode the bytes of an HTML page as a browser would: a BOM wins, then the HTTP charset (the
 * `charset=` of `contentType`), then `<meta charset>` / `<meta http-equiv=Content-Type>` in the
 * first bytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers use
 * for undeclared Western pages). Labels iconv-lite does not know are ignored.
 *
 * @throws ImportError when the bytes exceed `MAX_IMPORT_BYTES`, are empty, or hold NUL bytes
 *   outside a UTF-16 page (a binary file named `.html`).
 */
export function decodeHtml(bytes: Uint8Array, source: string, contentType?: string): DecodedHtml {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
    throw new ImportError(
      `${source} is ${mb(bytes.length)}; Morgue imports pages up to ${mb(MAX_IMPORT_BYTES)}.`,
    )
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const encoding = detectEncoding(buffer, contentType)
  const skip = bomLength(buffer)
  if (!encoding.startsWith('utf-16') && buffer.subarray(0, 65_536).includes(0)) {
    throw new ImportError(`${source} is not an HTML page (it holds binary data).`)
  }
  const html = iconv.decode(buffer.subarray(skip), encoding)
  if (html.trim() === '') throw new ImportError(`${source} is empty.`)
  if (html.includes('\u0000')) {
    throw new ImportError(`${source} is not an HTML page (it holds binary data).`)
  }
  return { html, encoding }
}

/** The encoding to read `buffer` with (an iconv-lite name, lower case). */
export function detectEncoding(buffer: Buffer, contentType?: string): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8'
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le'
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be'
  const fromHeader = usable(charsetOf(contentType))
  if (fromHeader) return fromHeader
  const fromMeta = usable(metaCharset(buffer.subarray(0, PRESCAN_BYTES).toString('latin1')))
  // A page declaring UTF-16 in ASCII bytes cannot really be UTF-16 (the spec says read UTF-8).
  if (fromMeta && !fromMeta.startsWith('utf-16')) return fromMeta
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer)
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

function bomLength(buffer: Buffer): number {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 3
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return 2
  }
  return 0
}

/** The `charset` parameter of a Content-Type value, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')
  return match?.[1]
}

function metaCharset(head: string): string | undefined {
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  return direct?.[1]
}

/** A charset label iconv-lite can decode, normalised; undefined otherwise. */
function usable(label: string | undefined): string | undefined {
  if (!label) return undefined
  let name = label.trim().toLowerCase()
  // WHATWG: these Latin-1 labels mean windows-1252, which browsers decode them as.
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'us-ascii', 'ascii', 'l1'].includes(name)) {
    name = 'windows-1252'
  }
  if (name === 'utf8') name = 'utf-8'
  return iconv.encodingExists(name) ? name : undefined
}
