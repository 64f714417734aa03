import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Archive } from '../core/archiveApi'
import type { PageCapture } from '../core/model'
import type { CaptureInfo } from '../../preload/contract'
import { bookmarkletCode, RELAY_PAGE, RELAY_SCRIPT } from './bookmarklet'

/** The documented port of the capture endpoint (MORGUE_CAPTURE_PORT overrides it; 0: any). */
export const CAPTURE_PORT = 47600
/** A rendered page with inline images can be large; more is refused with a reason. */
const MAX_CAPTURE = 30 * 1024 * 1024

export interface RunningCapture {
  info(): Promise<CaptureInfo>
  close(): Promise<void>
}

/** The answer to a capture: what the button or bookmarklet shows. */
export type CaptureReply =
  | {
      ok: true
      message: string
      id: string
      title: string
      status: 'saved' | 'duplicate' | 'version'
    }
  | { ok: false; reason: string }

/** Origins a capture may come from: the extension's own pages, and the relay page served here. */
const EXTENSION_ORIGIN = /^(?:chrome|moz|safari-web)-extension:\/\/[\w.-]+$/

/**
 * The "Save to Morgue" endpoint for the browser button and the bookmarklet: `POST /capture`
 * with `{ url, title, html, selection }` and the pairing token in `X-Morgue-Token`. Listens on
 * 127.0.0.1 only. Refused: a request without the right token; a foreign `Host` (DNS
 * rebinding); an `Origin` other than a browser extension's or this server's own relay page
 * (`GET /bookmarklet`, which the bookmarklet opens and hands the page to by postMessage, since
 * a news site's own origin may never post here). Requests without an Origin (a script on this
 * machine with the token) are let through.
 */
/** The port from MORGUE_CAPTURE_PORT (0: any free one), else the documented one. */
export function capturePort(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.MORGUE_CAPTURE_PORT)
  return env.MORGUE_CAPTURE_PORT !== undefined && Number.isInteger(n) && n >= 0 && n < 65536
    ? n
    : CAPTURE_PORT
}

/** Start the endpoint, or null (with the reason logged) when its port is taken. */
export async function tryStartCaptureServer(archive: Archive): Promise<RunningCapture | null> {
  try {
    return await startCaptureServer({ archive, port: capturePort() })
  } catch (err) {
    console.error(`Save to Morgue is off: ${(err as Error).message}`)
    return null
  }
}

export async function startCaptureServer(options: {
  archive: Archive
  port?: number
}): Promise<RunningCapture> {
  const { archive } = options
  let port = options.port ?? CAPTURE_PORT
  let token = await archive.captureToken()
  let queue = Promise.resolve()

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(type === 'text/html'
        ? {
            'content-security-policy':
              "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
          }
        : {}),
    })
    res.end(body)
  }
  const refuse = (res: ServerResponse, status: number, reason: string) =>
    send(res, status, JSON.stringify({ ok: false, reason } satisfies CaptureReply))

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) =>
      refuse(res, 500, `Morgue could not save the page: ${(err as Error).message}`),
    )
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return refuse(res, 421, 'This address is not Morgue’s capture endpoint.')
    }
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/bookmarklet')
      return send(res, 200, RELAY_PAGE, 'text/html')
    if (req.method === 'GET' && path === '/bookmarklet.js') {
      return send(res, 200, RELAY_SCRIPT, 'text/javascript')
    }
    if (path !== '/capture') return refuse(res, 404, 'Not found.')
    if (req.method !== 'POST') return refuse(res, 405, 'Send the page with POST.')
    const origin = req.headers.origin
    const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
    if (origin !== undefined && !own.includes(origin) && !EXTENSION_ORIGIN.test(origin)) {
      return refuse(res, 403, `Captures from ${origin} are not accepted.`)
    }
    if (!sameToken(String(req.headers['x-morgue-token'] ?? ''), token)) {
      return refuse(
        res,
        401,
        'Morgue did not accept the pairing token: copy it again from Morgue’s settings.',
      )
    }
    const body = await readBody(req)
    if (body === null) return refuse(res, 413, 'The page is too large to capture (over 30 MB).')
    const capture = parseCapture(body)
    if (typeof capture === 'string') return refuse(res, 400, capture)
    // One capture at a time: the archive has one writer, and two clicks on one page are a duplicate.
    const run = queue.then(() => archive.importCapture(capture))
    queue = run.then(
      () => undefined,
      () => undefined,
    )
    const report = await run
    const outcome = report.outcomes[0]
    if (!outcome || outcome.status === 'failed') {
      return refuse(res, 422, outcome?.reason ?? 'The page could not be saved.')
    }
    const id = outcome.ids[0]
    const item = await archive.get(id)
    const title = item?.title ?? capture.title ?? capture.url
    const status =
      outcome.status === 'duplicate' ? 'duplicate' : outcome.version ? 'version' : 'saved'
    const message =
      status === 'duplicate'
        ? `Already in Morgue: ${title}`
        : status === 'version'
          ? `Saved as version ${outcome.version}: ${title}`
          : `Saved: ${title}`
    send(res, 200, JSON.stringify({ ok: true, message, id, title, status } satisfies CaptureReply))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      port = (server.address() as AddressInfo).port
      resolve()
    })
  })

  return {
    async info() {
      token = await archive.captureToken()
      const endpoint = `http://127.0.0.1:${port}`
      return { endpoint, port, token, bookmarklet: bookmarkletCode(endpoint, token) }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_CAPTURE) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseCapture(body: string): PageCapture | string {
  let v: unknown
  try {
    v = JSON.parse(body)
  } catch {
    return 'The capture is not JSON.'
  }
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>
  if (typeof o.url !== 'string' || !/^https?:\/\//i.test(o.url)) {
    return 'Only http and https pages can be saved.'
  }
  if (typeof o.html !== 'string' || o.html.trim() === '') return 'The capture has no page in it.'
  const capture: PageCapture = { url: o.url, html: o.html }
  if (typeof o.title === 'string') capture.title = o.title.slice(0, 1000)
  if (typeof o.selection === 'string' && o.selection.trim()) capture.selection = o.selection
  return capture
}
