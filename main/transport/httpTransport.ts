import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, relative, resolve, sep, isAbsolute } from 'node:path'
import type { RunningCapture } from '../capture/captureServer'
import type { SyncController } from '../core/sync/syncController'
import type { Archive } from '../core/archiveApi'
import { GuardError, type Guards } from '../ipc/guards'
import { createHandlers, forwardChanges } from '../ipc/handlers'
import { MEDIA_HEADERS } from '../platform/media'
import { readMediaOrFetch } from '../platform/syncedMedia'
import { events, methods, type EventName } from '../../preload/contract'

/** The CSP of the served UI: the same policy as renderer/index.html. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** RPC bodies larger than this are refused (a pasted article is far smaller). */
const MAX_BODY = 25 * 1024 * 1024

export interface TransportOptions {
  archive: Archive
  guards: Guards
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Default 0: a random free port. */
  port?: number
  /** Default: 32 random bytes, hex. */
  token?: string
  /**
   * Folders `importPaths` may read from over this transport (a browser has no file dialog and
   * its drops carry no paths, so any path it sends was typed or forged). Default: none, and
   * `importPaths` is refused: pasting and URL import work as usual.
   */
  importRoots?: readonly string[]
  /** The "Save to Morgue" endpoint, shown in the UI's settings. */
  capture?: RunningCapture | null
  /** Team sync (Settings ▸ Sync); its status goes out as `syncStatus` events. */
  sync?: SyncController | null
}

export interface RunningTransport {
  /** The URL to open, with its token: `http://127.0.0.1:PORT/?token=…`. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * The loopback HTTP transport: the same handlers and guards as the IPC bridge, for a browser
 * where no Electron binary runs (and for the Chromium e2e target).
 *
 * Security: listens on 127.0.0.1 only; every request must carry the random token (query
 * `token=`, header `X-Morgue-Token`, or the HttpOnly cookie set by the first page load); RPC
 * calls need the header (a cross-site form cannot set it); a Host header other than
 * `127.0.0.1:PORT` / `localhost:PORT` is refused (DNS rebinding), so is a request whose Origin is
 * another site's; `importPaths` reads only under `importRoots`. Static files are read only
 * from `rendererDir`, media only from the archive's blobs.
 */
export async function startHttpTransport(options: TransportOptions): Promise<RunningTransport> {
  const { archive, guards, rendererDir } = options
  const token = options.token ?? randomBytes(32).toString('hex')
  const streams = new Set<ServerResponse>()

  function broadcast(event: EventName, payload: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of streams) res.write(frame)
  }

  const api = createHandlers(archive, {
    emit: broadcast,
    capture: options.capture,
    sync: options.sync,
  })
  const stopForwarding = forwardChanges(archive, { emit: broadcast })
  const stopSyncStatus = options.sync?.onStatus((s) => broadcast('syncStatus', s))
  let port = 0
  const cookieName = () => `morgue_token_${port}`

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: errorMessage(err) })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendText(res, 421, 'Refused: unexpected Host header.')
    }
    // A page of another site may not call us at all. A sandboxed frame (Origin "null") may
    // only load images: the archived-page snapshot shows its images from /media (token in
    // the URL); it can call nothing.
    const origin = headerValue(req.headers.origin)
    const snapshotImage =
      origin === 'null' && req.method === 'GET' && (req.url ?? '').startsWith('/media/')
    if (
      origin !== null &&
      !snapshotImage &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      return sendText(res, 403, 'Refused: foreign Origin.')
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const given =
      headerValue(req.headers['x-morgue-token']) ??
      url.searchParams.get('token') ??
      cookieValue(req.headers.cookie, cookieName())
    if (!given || !sameToken(given, token))
      return sendText(res, 401, 'Refused: missing or wrong token.')

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.')
      if (!sameToken(headerValue(req.headers['x-morgue-token']) ?? '', token)) {
        return sendText(res, 401, 'Refused: RPC calls need the X-Morgue-Token header.')
      }
      return rpc(url.pathname.slice('/rpc/'.length), req, res)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Use GET.')
    if (url.pathname === '/events') return openStream(req, res)
    if (url.pathname.startsWith('/media/')) {
      const media = await readMediaOrFetch(
        archive,
        url.pathname.slice('/media/'.length),
        options.sync,
      )
      if (!media) return sendText(res, 404, 'Not found.')
      res.writeHead(200, { 'Content-Type': media.mime, ...MEDIA_HEADERS })
      res.end(media.bytes)
      return
    }
    return serveStatic(url.pathname, res)
  }

  async function rpc(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = methods.find((m) => m === name)
    if (!method) return sendJson(res, 404, { error: `No method ${name}.` })
    let raw: unknown
    try {
      raw = JSON.parse((await readBody(req)) || '[]')
    } catch (err) {
      return sendJson(res, 400, { error: errorMessage(err) })
    }
    if (!Array.isArray(raw)) return sendJson(res, 400, { error: 'The body must be a JSON array.' })
    let args: unknown[]
    try {
      args = guards[method](raw) as unknown[]
    } catch (err) {
      if (err instanceof GuardError) return sendJson(res, 400, { error: err.message })
      throw err
    }
    if (method === 'importPaths') {
      const refused = refuseOutsideRoots(args[0] as string[], options.importRoots ?? [])
      if (refused) return sendJson(res, 200, { ok: false, reason: refused })
    }
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>
    const reply = await Reflect.apply(fn, api, args)
    sendJson(res, 200, reply ?? null)
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.write(`: ${events.join(' ')}\n\n`)
    streams.add(res)
    req.on('close', () => streams.delete(res))
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const wanted = pathname === '/' ? '/index.html' : decodeURIComponent(pathname)
    const file = normalize(join(rendererDir, wanted))
    const rel = relative(rendererDir, file)
    if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) || wanted.includes('\0')) {
      return sendText(res, 404, 'Not found.')
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return sendText(res, 404, 'Not found.')
    }
    const headers: Record<string, string> = {
      'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    }
    if (extname(file) === '.html') {
      headers['Content-Security-Policy'] = PAGE_CSP
      headers['Set-Cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`
      headers['Referrer-Policy'] = 'no-referrer'
    }
    res.writeHead(200, headers)
    res.end(body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  // A comment line now and then keeps idle event streams from being cut by proxies or timeouts.
  const ping = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n')
  }, 25_000)
  ping.unref()

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      stopForwarding()
      stopSyncStatus?.()
      clearInterval(ping)
      for (const res of streams) res.end()
      streams.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
  }
}

/** Why a path may not be imported over the transport, or null when every path is allowed. */
export function refuseOutsideRoots(
  paths: readonly string[],
  roots: readonly string[],
): string | null {
  if (roots.length === 0) {
    return 'Importing files by path is not available here: paste text or a URL instead.'
  }
  for (const p of paths) {
    const inside = roots.some((root) => {
      const rel = relative(resolve(root), resolve(p))
      return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
    })
    if (!inside || p.includes('\0'))
      return `${p} is outside the folders this server may import from.`
  }
  return null
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return null
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('The request is too large.'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(JSON.stringify(body))
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
