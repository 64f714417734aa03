import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const BIN = resolve(
  __dirname,
  '..',
  '..',
  'node_modules',
  'pouchdb-server',
  'bin',
  'pouchdb-server',
)

/** A free TCP port on 127.0.0.1 (asked of the system, then released). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => ok(port))
    })
  })
}

export interface PouchServer {
  url: string
  port: number
  /** Stop the server at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>
  /** Start it again on the same port (and, when persistent, the same data); running: no-op. */
  restart(): Promise<void>
  /** Make a server admin: from then on anonymous writes are refused. */
  addAdmin(name: string, password: string): Promise<void>
  close(): Promise<void>
}

/**
 * Start `pouchdb-server` (CouchDB's HTTP API and replication protocol on PouchDB) on 127.0.0.1
 * in a temp folder (its config and log go there). `persistent`: data on disk (LevelDB), so a
 * killed server comes back with its databases; otherwise in memory.
 */
export async function startPouchServer(
  options: { persistent?: boolean } = {},
): Promise<PouchServer> {
  const dir = await mkdtemp(join(tmpdir(), 'morgue-pouch-'))
  const port = await freePort()
  let child: ChildProcess | null = null
  const url = `http://127.0.0.1:${port}`

  async function start(): Promise<void> {
    if (child) return
    const args = [
      BIN,
      '-p',
      String(port),
      '-o',
      '127.0.0.1',
      '-n',
      '--no-color',
      '-c',
      join(dir, 'config.json'),
    ]
    args.push(...(options.persistent ? ['-d', join(dir, 'data')] : ['--in-memory']))
    if (options.persistent)
      await import('node:fs/promises').then((fs) =>
        fs.mkdir(join(dir, 'data'), { recursive: true }),
      )
    child = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' })
    const deadline = Date.now() + 20_000
    for (;;) {
      try {
        const res = await fetch(`${url}/`)
        if (res.ok) return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`pouchdb-server did not start on port ${port}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async function kill(): Promise<void> {
    const c = child
    child = null
    if (!c || c.exitCode !== null) return
    await new Promise<void>((done) => {
      c.once('exit', () => done())
      c.kill('SIGKILL')
    })
  }

  await start()
  return {
    url,
    port,
    kill,
    restart: start,
    async addAdmin(name, password) {
      const res = await fetch(`${url}/_config/admins/${name}`, {
        method: 'PUT',
        body: JSON.stringify(password),
        headers: { 'content-type': 'application/json' },
      })
      if (!res.ok) throw new Error(`could not add admin: ${res.status}`)
    },
    async close() {
      await kill()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
