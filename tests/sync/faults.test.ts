import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CouchClient } from '../../main/core/sync/couchClient'
import { SyncError } from '../../main/core/sync/syncError'
import { tempDir } from '../helpers'
import { freePort, startPouchServer, type PouchServer } from './pouchServer'
import { addStory, generatedArticle, openDesktop, searchIds, type Desktop } from './syncFixture'

let server: PouchServer
const open: Desktop[] = []

beforeAll(async () => {
  server = await startPouchServer({ persistent: true })
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  while (open.length) await open.pop()!.close()
  await server.restart()
})

/** A fetch that runs `after(n)` once the n-th request to a path ending in `suffix` answered. */
function countingFetch(suffix: string, after: (n: number) => Promise<void>, seen: string[] = []) {
  let n = 0
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    seen.push(url)
    const res = await fetch(input, init)
    if (new URL(url).pathname.endsWith(suffix)) await after(++n)
    return res
  }) as typeof fetch
}

async function syncError(run: Promise<unknown>): Promise<SyncError> {
  try {
    await run
  } catch (err) {
    if (err instanceof SyncError) return err
    throw err
  }
  throw new Error('expected the sync to fail')
}

describe('a sync killed mid-way resumes from its checkpoint', () => {
  it('push: the server killed after some batches; the next run sends only the rest', async () => {
    const fetchImpl = countingFetch('/_bulk_docs', async (n) => {
      if (n === 3) await server.kill()
    })
    const a = await openDesktop(server, 'a', { fetch: fetchImpl, batchSize: 50 }, 'killed-push')
    open.push(a)
    await a.archive.restore(Array.from({ length: 400 }, (_, i) => generatedArticle(i + 1)))
    const err = await syncError(a.sync.once())
    expect(err.kind).toBe('unreachable')
    expect(a.sync.current().state).toBe('offline')
    await server.restart()
    const second = await a.sync.once()
    // Three batches of 50 had landed: only the other 250 items (and the settings) go again.
    expect(second.pushed).toBeGreaterThanOrEqual(250)
    expect(second.pushed).toBeLessThan(400)

    const b = await openDesktop(server, 'b', {}, 'killed-push')
    open.push(b)
    await b.sync.once()
    expect(b.archive.list().total).toBe(400)
    expect(await searchIds(b.archive, '"report number 399"')).toEqual([generatedArticle(399).id])
    const info = (await (
      await fetch(`${server.url}/killed-push/_all_docs?startkey="item:"&endkey="item;"`)
    ).json()) as {
      rows: unknown[]
    }
    expect(info.rows).toHaveLength(400)
  })

  it('pull: the server killed after some pages; the next run starts at the checkpoint', async () => {
    const a = await openDesktop(server, 'a', {}, 'killed-pull')
    open.push(a)
    await a.archive.restore(Array.from({ length: 300 }, (_, i) => generatedArticle(i + 1)))
    await a.sync.once()
    const urls: string[] = []
    const fetchImpl = countingFetch(
      '/_bulk_get',
      async (n) => {
        if (n === 2) await server.kill()
      },
      urls,
    )
    const b = await openDesktop(server, 'b', { fetch: fetchImpl, batchSize: 50 }, 'killed-pull')
    open.push(b)
    expect((await syncError(b.sync.once())).kind).toBe('unreachable')
    const landed = b.archive.list().total
    expect(landed).toBeGreaterThanOrEqual(50)
    expect(landed).toBeLessThan(300)
    await server.restart()
    urls.length = 0
    const report = await b.sync.once()
    const firstChanges = new URL(urls.find((u) => u.includes('/_changes'))!)
    expect(firstChanges.searchParams.get('since')).not.toBe('0')
    expect(report.pulled).toBe(300 - landed)
    expect(b.archive.list().total).toBe(300)
  })
})

describe('bad input and faults leave the archive untouched with one clear sentence', () => {
  it('a document from the server that does not validate is left out and named', async () => {
    const b = await openDesktop(server, 'b', {}, 'bad-doc')
    open.push(b)
    const good = await addStory(b.archive, 'Local story', 'Kept as it is.')
    await b.sync.once()
    const put = await fetch(`${server.url}/bad-doc/item:00000000000000aa`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'item',
        v: 1,
        updatedAt: '2026-12-03T10:00:00Z',
        item: { id: '00000000000000aa', kind: 'article', title: 42, tags: [] },
      }),
    })
    expect(put.ok).toBe(true)
    const report = await b.sync.once()
    expect(report.rejected).toEqual([
      { id: 'item:00000000000000aa', reason: expect.stringContaining('item.title') },
    ])
    expect(b.sync.current()).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('did not validate'),
    })
    expect(b.archive.list().items.map((s) => s.id)).toEqual([good])
  })

  it('a database the user may not write to', async () => {
    await fetch(`${server.url}/read-only`, { method: 'PUT' })
    await fetch(`${server.url}/read-only/_design/readonly`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        validate_doc_update:
          'function (doc) { if (doc._id.indexOf("_design/") !== 0) throw({ forbidden: "the desk is read-only" }) }',
      }),
    })
    const a = await openDesktop(server, 'a', {}, 'read-only')
    open.push(a)
    await addStory(a.archive, 'Cannot go up', 'Refused by the server.')
    const err = await syncError(a.sync.once())
    expect(err.kind).toBe('forbidden')
    expect(err.message).toMatch(/may not write to the database “read-only”/)
    expect(a.archive.list().total).toBe(1)
  })

  it('a wrong password, a closed port, a server that is not CouchDB, a TLS failure', async () => {
    const guarded = await startPouchServer()
    try {
      await guarded.addAdmin('editor', 'right-horse')
      const wrong = new CouchClient({
        url: `${guarded.url}/desk`,
        user: 'editor',
        password: 'wrong',
      })
      const e1 = await syncError(wrong.connect())
      expect(e1.kind).toBe('unauthorized')
      expect(e1.message).toContain('refused the user name “editor” or its password')
      const right = new CouchClient({
        url: `${guarded.url}/desk`,
        user: 'editor',
        password: 'right-horse',
      })
      await expect(right.connect()).resolves.toBeDefined()
    } finally {
      await guarded.close()
    }

    const closed = await freePort()
    const e2 = await syncError(
      new CouchClient({ url: `http://127.0.0.1:${closed}/desk` }).connect(),
    )
    expect(e2).toMatchObject({
      kind: 'unreachable',
      message: `Nothing answers at http://127.0.0.1:${closed} (connection refused).`,
    })

    const web = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>Intranet</title>')
    })
    const webUrl = await listen(web)
    try {
      const e3 = await syncError(new CouchClient({ url: `${webUrl}/desk` }).connect())
      expect(e3.kind).toBe('not-couchdb')
      expect(e3.message).toContain('is not a CouchDB server')
    } finally {
      web.close()
    }

    const tmp = await tempDir('morgue-tls-')
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(tmp.dir, 'key.pem'),
          '-out',
          join(tmp.dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      )
      const tls = createHttpsServer(
        {
          key: await readFile(join(tmp.dir, 'key.pem')),
          cert: await readFile(join(tmp.dir, 'cert.pem')),
        },
        (_req, res) => res.end('{"couchdb":"Welcome"}'),
      )
      const tlsUrl = (await listen(tls)).replace('http:', 'https:')
      try {
        const e4 = await syncError(new CouchClient({ url: `${tlsUrl}/desk` }).connect())
        expect(e4.kind).toBe('tls')
        expect(e4.message).toContain('self-signed')
      } finally {
        tls.close()
      }
    } finally {
      await tmp.cleanup()
    }

    expect(() => new CouchClient({ url: 'couch.example.org/desk' })).toThrow(/not a web address/)
    expect(() => new CouchClient({ url: 'http://127.0.0.1:5984' })).toThrow(/names no database/)
  })
})

function listen(srv: Server | import('node:https').Server): Promise<string> {
  return new Promise((ok) => {
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      ok(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
    })
  })
}
