import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../main/core/sync/types'
import { memorySecretStore } from '../../main/core/sync/secretStore'
import { SyncController } from '../../main/core/sync/syncController'
import { guards } from '../../main/ipc/guards'
import { createHandlers } from '../../main/ipc/handlers'
import { startPouchServer, type PouchServer } from './pouchServer'
import { addStory, openDesktop, type Desktop } from './syncFixture'

let server: PouchServer
const open: Desktop[] = []
const controllers: SyncController[] = []

beforeAll(async () => {
  server = await startPouchServer()
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  while (controllers.length) await controllers.pop()!.close()
  while (open.length) await open.pop()!.close()
})

describe('Settings ▸ Sync through the IPC handlers', () => {
  it('saves the setup, syncs on demand, pauses, and forgets the server; the password is never handed back', async () => {
    await server.addAdmin('anna', 'secret')
    const a = await openDesktop(server, 'a', {}, 'controller')
    open.push(a)
    await addStory(a.archive, 'Tram line approved', 'Work starts in spring.')
    const sync = await SyncController.start(a.archive, memorySecretStore())
    controllers.push(sync)
    const seen: SyncStatus[] = []
    sync.onStatus((s) => seen.push(s))
    const api = createHandlers(a.archive, { emit: () => undefined, sync })

    expect(() =>
      guards.setSyncSettings([
        {
          server: server.url,
          database: 'Desk News',
          live: false,
          downloadOriginals: true,
          paused: false,
        },
      ]),
    ).toThrow(/setSyncSettings: invalid arguments/)
    const setup = guards.setSyncSettings([
      {
        server: server.url,
        database: 'desk-ctl',
        user: 'anna',
        password: 'secret',
        live: false,
        downloadOriginals: true,
        paused: false,
      },
    ])
    expect(await api.setSyncSettings(...setup)).toMatchObject({ ok: true })
    const view = await api.syncSettings()
    expect(view).toEqual({
      ok: true,
      value: {
        server: server.url,
        database: 'desk-ctl',
        user: 'anna',
        live: false,
        downloadOriginals: true,
        paused: false,
        hasPassword: true,
        passwordPersists: false,
      },
    })
    const report = await api.syncNow()
    expect(report).toMatchObject({ ok: true, value: { pushed: expect.any(Number), rejected: [] } })
    expect(seen.map((s) => s.state)).toContain('syncing')
    expect(seen.at(-1)).toMatchObject({ state: 'synced', remote: `${server.url}/desk-ctl` })

    expect(await api.pauseSync(true)).toMatchObject({ ok: true, value: { state: 'paused' } })
    expect(await api.syncConflicts()).toEqual({ ok: true, value: [] })
    expect(await api.disconnectSync()).toEqual({ ok: true, value: undefined })
    expect(await api.syncSettings()).toEqual({ ok: true, value: null })
    expect(await api.syncNow()).toEqual({
      ok: false,
      reason: 'Sync is not set up: add the server in Settings ▸ Sync.',
    })
  })
})
