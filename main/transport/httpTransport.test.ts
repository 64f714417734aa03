import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedFile, tempDir } from '../../tests/helpers'
import type { Archive } from '../core/archiveApi'
import { openArchive } from '../core/openArchive'
import { guards } from '../ipc/guards'
import { startHttpTransport, type RunningTransport } from './httpTransport'

/** A raw HTTP request, so tests can send any Host header. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('loopback HTTP transport', () => {
  let archive: Archive
  let transport: RunningTransport
  let cleanup: () => Promise<void>
  let secret: string

  beforeEach(async () => {
    const t = await tempDir('morgue-transport-')
    cleanup = t.cleanup
    const rendererDir = join(t.dir, 'renderer')
    await mkdir(rendererDir)
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Morgue</title>')
    secret = join(t.dir, 'secret.txt')
    await writeFile(secret, 'not for the browser')
    archive = await openArchive(join(t.dir, 'archive'))
    transport = await startHttpTransport({
      archive,
      guards,
      rendererDir,
      importRoots: [dirname(seedFile)],
    })
  })
  afterEach(async () => {
    await transport.close()
    await archive.close()
    await cleanup()
  })

  const rpc = (method: string, args: unknown[], token = transport.token) =>
    send(transport.port, `/rpc/${method}`, {
      method: 'POST',
      headers: { 'X-Morgue-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    })

  it('listens on 127.0.0.1 with a long random token in the URL it prints', () => {
    expect(transport.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/)
  })

  it('serves the page with its CSP and a token cookie, only with the token', async () => {
    const page = await send(transport.port, `/?token=${transport.token}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    expect((await send(transport.port, '/')).status).toBe(401)
    expect((await send(transport.port, '/?token=nope')).status).toBe(401)
  })

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const res = await send(transport.port, `/?token=${transport.token}`, {
      headers: { Host: `attacker.example:${transport.port}` },
    })
    expect(res.status).toBe(421)
  })

  it('runs RPC calls through the guards and the same handlers as IPC', async () => {
    const imported = await rpc('importPaths', [[seedFile]])
    expect(JSON.parse(imported.body)).toMatchObject({ ok: true, value: { imported: 1 } })
    const found = JSON.parse((await rpc('search', ['souleiman'])).body)
    expect(found.value.hits.some((h: { kind: string }) => h.kind === 'photo')).toBe(true)
    expect((await rpc('search', [42])).status).toBe(400)
    expect((await rpc('noSuchMethod', [])).status).toBe(404)
    expect((await rpc('stats', [], 'f'.repeat(64))).status).toBe(401)
  })

  it('refuses a request from another site (foreign Origin), even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${transport.port + 1}`,
    ]) {
      const res = await send(transport.port, '/rpc/stats', {
        method: 'POST',
        headers: { 'X-Morgue-Token': transport.token, Origin: origin },
        body: '[]',
      })
      expect(res.status).toBe(403)
    }
    const own = await send(transport.port, '/rpc/stats', {
      method: 'POST',
      headers: { 'X-Morgue-Token': transport.token, Origin: `http://127.0.0.1:${transport.port}` },
      body: '[]',
    })
    expect(own.status).toBe(200)
  })

  it('importPaths reads only under the allowed folders: an arbitrary readable file is refused', async () => {
    const res = JSON.parse((await rpc('importPaths', [[secret]])).body)
    expect(res).toEqual({
      ok: false,
      reason: `${secret} is outside the folders this server may import from.`,
    })
    const sneaky = JSON.parse((await rpc('importPaths', [[`${dirname(seedFile)}/../../etc`]])).body)
    expect(sneaky.ok).toBe(false)
    expect(archive.list().total).toBe(0)
  })

  it('needs the token header for RPC: a cookie alone (a cross-site form) is not enough', async () => {
    const page = await send(transport.port, `/?token=${transport.token}`)
    const cookie = String(page.headers['set-cookie']).split(';')[0]
    const res = await send(transport.port, '/rpc/stats', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '[]',
    })
    expect(res.status).toBe(401)
  })

  it('never serves files outside the renderer folder or the archive blobs', async () => {
    const t = transport.token
    expect((await send(transport.port, `/..%2Fsecret.txt?token=${t}`)).status).toBe(404)
    expect((await send(transport.port, `/../secret.txt?token=${t}`)).status).toBe(404)
    expect((await send(transport.port, `/media/..%2F..%2Fsecret.txt?token=${t}`)).status).toBe(404)
  })
})
