import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cli, tempDir } from '../helpers'
import { freePort, startPouchServer, type PouchServer } from './pouchServer'

let server: PouchServer
let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startPouchServer()
})
afterAll(async () => {
  await server.close()
})
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-sync-cli-'))
})
afterEach(async () => {
  delete process.env.MORGUE_SYNC_PASSWORD
  await cleanup()
})

const archive = (name: string) => ['--archive', join(dir, name), '--create']

describe('morgue sync and morgue conflicts', () => {
  it('syncs two archives through the server, remembers the remote, reports status', async () => {
    const remote = `${server.url}/cli-desk`
    const story = join(dir, 'story.md')
    await writeFile(story, '# Council approves new tram line\n\nWork starts in spring.\n')
    expect((await cli(['import', story, ...archive('a')])).code).toBe(0)
    const first = await cli(['sync', '--remote', remote, '--once', '--json', ...archive('a')])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({
      remote,
      pushed: expect.any(Number),
      rejected: [],
    })

    const pulled = await cli(['sync', '--remote', remote, ...archive('b')])
    expect(pulled.stdout).toMatch(new RegExp(`^Synced with ${remote}: [1-9]\\d* in, 0 out`))
    const listed = await cli(['list', '--json', ...archive('b')])
    expect(JSON.parse(listed.stdout).items).toHaveLength(1)

    // The remote is remembered: no --remote needed the second time.
    const again = await cli(['sync', ...archive('b')])
    expect(again.stdout).toContain('0 in, 0 out')
    const status = await cli(['sync', 'status', '--json', ...archive('b')])
    expect(JSON.parse(status.stdout)).toMatchObject({
      remote,
      server: 'reachable',
      waiting: 0,
      conflicts: 0,
    })
    const text = await cli(['sync', 'status', ...archive('b')])
    expect(text.stdout).toContain(`Remote:     ${remote}`)
    expect((await cli(['conflicts', ...archive('b')])).stdout.trim()).toBe('No conflicts.')
  })

  it('says what is wrong: nothing listening, wrong password, no remote given', async () => {
    const port = await freePort()
    const closed = await cli(['sync', '--remote', `http://127.0.0.1:${port}/desk`, ...archive('a')])
    expect(closed.code).toBe(1)
    expect(closed.stderr).toBe(
      `morgue: Nothing answers at http://127.0.0.1:${port} (connection refused).\n`,
    )

    const guarded = await startPouchServer()
    try {
      await guarded.addAdmin('editor', 'right-horse')
      process.env.MORGUE_SYNC_PASSWORD = 'wrong'
      const refused = await cli([
        'sync',
        '--remote',
        `${guarded.url}/desk`,
        '--user',
        'editor',
        ...archive('a'),
      ])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain('refused the user name “editor” or its password')
      process.env.MORGUE_SYNC_PASSWORD = 'right-horse'
      const ok = await cli([
        'sync',
        '--remote',
        `${guarded.url}/desk`,
        '--user',
        'editor',
        ...archive('a'),
      ])
      expect(ok.code).toBe(0)
    } finally {
      await guarded.close()
    }

    const none = await cli(['sync', ...archive('fresh')])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('give --remote URL')
    expect(
      (await cli(['sync', '--once', '--live', '--remote', `${server.url}/x`, ...archive('a')]))
        .code,
    ).toBe(2)
  })
})
