import { ImportError, type ImportContext } from '../importer'

/** Limits of one download (the page, or one image). */
export interface FetchLimits {
  /** For the whole download, redirects and body included, in ms. */
  timeoutMs: number
  /** Larger bodies are refused, counted while streaming (a missing Content-Length is no way out). */
  maxBytes: number
  /** Redirects followed before giving up. */
  maxRedirects: number
}

/** A downloaded body and where it finally came from. */
export interface Fetched {
  bytes: Uint8Array
  /** The response's Content-Type header, if any. */
  contentType?: string
  /** The URL after redirects. */
  finalUrl: string
}

type FetchFn = NonNullable<ImportContext['fetch']>

/**
 * GET an http(s) URL within limits: redirects are followed by hand (each hop checked to be
 * http(s), at most `maxRedirects`), the body is counted as it streams, and the whole download
 * is aborted after `timeoutMs`. `accepts` decides on the Content-Type before the body is read.
 *
 * @throws ImportError with one sentence for a user: not http(s), too many redirects, an HTTP
 *   error status, an unwanted content type, too large, no answer in time, or a network failure
 *   (refused, unknown host, offline). An abort of `outer` is rethrown as is.
 */
export async function fetchLimited(
  fetchFn: FetchFn,
  url: string,
  limits: FetchLimits,
  outer: AbortSignal | undefined,
  accepts: (contentType: string | undefined, url: string) => string | null = () => null,
): Promise<Fetched> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), limits.timeoutMs)
  const signal = outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal
  const fail = (err: unknown, at: string): never => {
    if (outer?.aborted) throw outer.reason ?? err
    if (err instanceof ImportError) throw err
    if (timeout.signal.aborted) {
      throw new ImportError(`${hostOf(at)} did not answer within ${seconds(limits.timeoutMs)}.`)
    }
    throw new ImportError(networkReason(err, at))
  }
  let current = checkHttpUrl(url)
  try {
    for (let hop = 0; ; hop++) {
      let res: Response
      try {
        // `redirect: 'manual'` lets us count and check each hop; the context's type omits it.
        const init = { signal, redirect: 'manual' as const }
        res = await fetchFn(current, init)
      } catch (err) {
        return fail(err, current)
      }
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel().catch(() => undefined)
        if (hop >= limits.maxRedirects) {
          throw new ImportError(`${url} redirects more than ${limits.maxRedirects} times.`)
        }
        current = checkHttpUrl(new URL(location, current).href, url)
        continue
      }
      const finalUrl = res.redirected && res.url ? res.url : current
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined)
        const text = res.statusText ? ` ${res.statusText}` : ''
        throw new ImportError(`${finalUrl} answered HTTP ${res.status}${text}.`)
      }
      const contentType = res.headers.get('content-type') ?? undefined
      const refusal = accepts(contentType, finalUrl)
      if (refusal) {
        await res.body?.cancel().catch(() => undefined)
        throw new ImportError(refusal)
      }
      const declared = Number(res.headers.get('content-length') ?? 0)
      if (declared > limits.maxBytes) {
        await res.body?.cancel().catch(() => undefined)
        throw tooLarge(finalUrl, limits.maxBytes)
      }
      const bytes = await readCapped(res, limits.maxBytes, finalUrl).catch((err) =>
        fail(err, finalUrl),
      )
      return { bytes, contentType, finalUrl }
    }
  } finally {
    clearTimeout(timer)
  }
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(url, maxBytes)
    }
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** The URL, checked to be http(s); `original` names the address the user gave in messages. */
export function checkHttpUrl(url: string, original = url): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ImportError(`${original} is not a web address.`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    const where = original === url ? '' : ` (it leads to ${parsed.protocol})`
    throw new ImportError(`${original} is not an http or https address${where}.`)
  }
  return parsed.href
}

function tooLarge(url: string, maxBytes: number): ImportError {
  return new ImportError(`${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`)
}

/** One sentence for a failed connection, from the system error code when there is one. */
function networkReason(err: unknown, url: string): string {
  const host = hostOf(url)
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause
  const code = cause?.code ?? (err as { code?: string } | undefined)?.code
  switch (code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `${host} could not be found: there is no network, or the address is wrong.`
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return `${host} cannot be reached: the network is down.`
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection before the page arrived.`
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${host} did not answer in time.`
    default: {
      const detail = cause && 'message' in cause ? String(cause.message) : String(err)
      return `${host} could not be reached (${detail}).`
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}
