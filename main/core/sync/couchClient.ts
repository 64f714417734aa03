import { SyncError, describeFetchFailure } from './syncError'

/** Where to sync: the database's URL (`https://couch.example.org/desk-news`) and who we are. */
export interface RemoteDatabase {
  url: string
  user?: string
  password?: string
}

export type Seq = string | number

export interface ChangeRow {
  id: string
  seq: Seq
  changes: { rev: string }[]
  deleted?: boolean
}

export interface ChangesPage {
  results: ChangeRow[]
  last_seq: Seq
}

/** One revision as `_bulk_get` / `open_revs` returns it: the document, or why it is missing. */
export type FetchedRevision =
  | { ok: Record<string, unknown> }
  | { error: { id: string; rev: string; error: string; reason?: string } }

export interface BulkDocsResult {
  id: string
  rev?: string
  ok?: boolean
  error?: string
  reason?: string
}

interface RequestOptions {
  method?: string
  body?: unknown
  query?: Record<string, string | number | boolean | undefined>
  signal?: AbortSignal
  /** What the request was for, to word a 403 ("read" or "write"). */
  access?: 'read' | 'write'
  /** Give the raw response back (attachments, 404 handled by the caller). */
  raw?: boolean
}

/**
 * A small CouchDB client over `fetch`: the replication protocol's endpoints and nothing else.
 * Every failure is a {@link SyncError} with one sentence for the user.
 */
export class CouchClient {
  readonly dbUrl: string
  readonly origin: string
  readonly dbName: string
  private readonly auth?: string
  private bulkGetSupported = true

  constructor(
    remote: RemoteDatabase,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {
    let url: URL
    try {
      url = new URL(remote.url)
    } catch {
      throw new SyncError(
        'bad-url',
        `“${remote.url}” is not a web address (http://… or https://…).`,
      )
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SyncError('bad-url', `“${remote.url}” must start with http:// or https://.`)
    }
    const user = remote.user ?? (url.username ? decodeURIComponent(url.username) : undefined)
    const password =
      remote.password ?? (url.password ? decodeURIComponent(url.password) : undefined)
    url.username = ''
    url.password = ''
    const path = url.pathname.replace(/\/+$/, '')
    const dbName = decodeURIComponent(path.split('/').pop() ?? '')
    if (!dbName) {
      throw new SyncError(
        'bad-url',
        `${url.origin} names no database: add it to the address, e.g. ${url.origin}/desk-news.`,
      )
    }
    if (!/^[a-z][a-z0-9_$()+/-]*$/.test(dbName)) {
      throw new SyncError(
        'bad-url',
        `“${dbName}” is not a CouchDB database name (lower-case letters, digits and _$()+-/, starting with a letter).`,
      )
    }
    this.dbName = dbName
    this.origin = url.origin
    this.dbUrl = `${url.origin}${path}`
    if (user) this.auth = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`
    this.user = user
  }

  readonly user?: string

  /** Check the server speaks CouchDB and the database exists (created when `create` and allowed). */
  async connect(create = true): Promise<{ updateSeq: Seq }> {
    const root = await this.json<Record<string, unknown>>(`${this.origin}/`, {})
    const welcome =
      root && typeof root === 'object' && ('couchdb' in root || 'express-pouchdb' in root)
    if (!welcome) {
      throw new SyncError(
        'not-couchdb',
        `${this.origin} answers, but it is not a CouchDB server (its welcome message is missing).`,
      )
    }
    const info = await this.request(this.dbUrl, { raw: true })
    if (info.status === 404) {
      if (!create) throw this.noDatabase()
      const made = await this.request(this.dbUrl, { method: 'PUT', raw: true, access: 'write' })
      if (made.status === 401 || made.status === 403) throw this.noDatabase()
      if (!made.ok && made.status !== 412) throw await this.httpError(made, 'write')
      return { updateSeq: 0 }
    }
    if (!info.ok) throw await this.httpError(info, 'read')
    const body = (await this.parse(info)) as { update_seq?: Seq }
    return { updateSeq: body.update_seq ?? 0 }
  }

  private noDatabase(): SyncError {
    return new SyncError(
      'no-database',
      `The database “${this.dbName}” does not exist on ${this.origin}, and ${this.user ? `user “${this.user}”` : 'an anonymous user'} may not create it: ask the server's administrator to create it.`,
    )
  }

  changes(
    since: Seq,
    options: { limit?: number; longpollMs?: number; signal?: AbortSignal } = {},
  ): Promise<ChangesPage> {
    return this.json<ChangesPage>(`${this.dbUrl}/_changes`, {
      query: {
        since: String(since),
        style: 'all_docs',
        limit: options.limit,
        feed: options.longpollMs ? 'longpoll' : undefined,
        timeout: options.longpollMs,
        heartbeat: options.longpollMs ? 10_000 : undefined,
      },
      signal: options.signal,
    })
  }

  revsDiff(
    revs: Record<string, string[]>,
    signal?: AbortSignal,
  ): Promise<Record<string, { missing: string[] }>> {
    if (Object.keys(revs).length === 0) return Promise.resolve({})
    return this.json(`${this.dbUrl}/_revs_diff`, { method: 'POST', body: revs, signal })
  }

  /** Write revisions as they are (replication): `new_edits: false`, histories in `_revisions`. */
  async bulkDocs(docs: unknown[], signal?: AbortSignal): Promise<BulkDocsResult[]> {
    if (docs.length === 0) return []
    const results = await this.json<BulkDocsResult[]>(`${this.dbUrl}/_bulk_docs`, {
      method: 'POST',
      body: { docs, new_edits: false },
      signal,
      access: 'write',
    })
    const refused = results.find((r) => r.error === 'forbidden' || r.error === 'unauthorized')
    if (refused) throw this.forbidden('write', refused.reason)
    return results
  }

  /** Fetch revisions with their histories: `_bulk_get` where offered, else `open_revs` per doc. */
  async getRevisions(
    wanted: { id: string; rev: string }[],
    signal?: AbortSignal,
  ): Promise<FetchedRevision[]> {
    if (wanted.length === 0) return []
    if (this.bulkGetSupported) {
      const res = await this.request(`${this.dbUrl}/_bulk_get`, {
        method: 'POST',
        body: { docs: wanted },
        query: { revs: true, latest: true },
        signal,
        raw: true,
      })
      if (res.ok) {
        const body = (await this.parse(res)) as { results: { docs: FetchedRevision[] }[] }
        return body.results.flatMap((r) => r.docs)
      }
      if (res.status !== 404 && res.status !== 405 && res.status !== 400)
        throw await this.httpError(res, 'read')
      this.bulkGetSupported = false
    }
    const byId = new Map<string, string[]>()
    for (const w of wanted) byId.set(w.id, [...(byId.get(w.id) ?? []), w.rev])
    const out: FetchedRevision[] = []
    for (const [id, revs] of byId) {
      const docs = await this.json<FetchedRevision[]>(`${this.dbUrl}/${encodeURIComponent(id)}`, {
        query: { revs: true, latest: true, open_revs: JSON.stringify(revs) },
        signal,
      })
      out.push(...docs)
    }
    return out
  }

  async getLocal<T>(id: string): Promise<(T & { _rev?: string }) | null> {
    const res = await this.request(`${this.dbUrl}/_local/${encodeURIComponent(id)}`, { raw: true })
    if (res.status === 404) return null
    if (!res.ok) throw await this.httpError(res, 'read')
    return (await this.parse(res)) as T & { _rev?: string }
  }

  /** Write a `_local` document (never replicated); returns its new revision. */
  async putLocal(id: string, doc: Record<string, unknown>): Promise<string> {
    const res = await this.json<{ rev: string }>(`${this.dbUrl}/_local/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: doc,
      access: 'write',
    })
    return res.rev
  }

  /** An attachment's bytes, or null when the document or attachment is not there. */
  async getAttachment(docId: string, name: string, signal?: AbortSignal): Promise<Buffer | null> {
    const res = await this.request(
      `${this.dbUrl}/${encodeURIComponent(docId)}/${encodeURIComponent(name)}`,
      { raw: true, signal },
    )
    if (res.status === 404) return null
    if (!res.ok) throw await this.httpError(res, 'read')
    try {
      return Buffer.from(await res.arrayBuffer())
    } catch (err) {
      throw describeFetchFailure(err, this.origin)
    }
  }

  private async json<T>(url: string, options: RequestOptions): Promise<T> {
    const res = await this.request(url, { ...options, raw: true })
    if (!res.ok) throw await this.httpError(res, options.access ?? 'read')
    return (await this.parse(res)) as T
  }

  private async request(url: string, options: RequestOptions): Promise<Response> {
    const target = new URL(url)
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) target.searchParams.set(k, String(v))
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.auth) headers.authorization = this.auth
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    try {
      return await this.fetchImpl(target, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        redirect: 'error',
      })
    } catch (err) {
      if (options.signal?.aborted) throw err
      throw describeFetchFailure(err, this.origin)
    }
  }

  /** A body cut off (the server went away while answering) is the same fault as no answer. */
  private async text(res: Response): Promise<string> {
    try {
      return await res.text()
    } catch (err) {
      throw describeFetchFailure(err, this.origin)
    }
  }

  private async parse(res: Response): Promise<unknown> {
    const text = await this.text(res)
    try {
      return JSON.parse(text)
    } catch {
      throw new SyncError(
        'not-couchdb',
        `${this.origin} is not a CouchDB server: it answered ${res.headers.get('content-type') ?? 'something'} where CouchDB answers JSON.`,
      )
    }
  }

  private async httpError(res: Response, access: 'read' | 'write'): Promise<SyncError> {
    let reason = ''
    try {
      const body = JSON.parse(await this.text(res)) as { reason?: string; error?: string }
      reason = body.reason ?? body.error ?? ''
    } catch {
      if (res.status !== 401 && res.status !== 403) {
        return new SyncError(
          'not-couchdb',
          `${this.origin} is not a CouchDB server: it answered HTTP ${res.status} without a CouchDB reply.`,
        )
      }
    }
    if (res.status === 401) {
      return new SyncError(
        'unauthorized',
        this.user
          ? `${this.origin} refused the user name “${this.user}” or its password.`
          : `${this.origin} needs a user name and password.`,
      )
    }
    if (res.status === 403) return this.forbidden(access, reason)
    if (res.status === 404) return this.noDatabase()
    return new SyncError(
      'server',
      `${this.origin} answered HTTP ${res.status}${reason ? `: ${reason}` : ''}.`,
    )
  }

  private forbidden(access: 'read' | 'write', reason?: string): SyncError {
    const who = this.user ? `User “${this.user}”` : 'An anonymous user'
    return new SyncError(
      'forbidden',
      `${who} may not ${access === 'write' ? 'write to' : 'read'} the database “${this.dbName}” on ${this.origin}${reason ? ` (${reason})` : ''}.`,
    )
  }
}
