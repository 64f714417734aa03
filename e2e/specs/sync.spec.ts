import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startPouchServer, type PouchServer } from '../../tests/sync/pouchServer'
import { expect, runCli, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

let server: PouchServer

test.beforeAll(async () => {
  server = await startPouchServer()
})
test.afterAll(async () => {
  await server?.close()
})

test.describe('team sync', () => {
  test('set up sync in Settings, see a story from another desktop arrive', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await win.ready()

    // Settings ▸ Sync: the desk's server and database, continuous sync.
    await page.getByRole('button', { name: /^Sync: Not synced/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings ▸ Sync' })
    await dialog.getByLabel('Server').fill(server.url)
    await dialog.getByLabel('Database').fill('desk-e2e')
    await dialog.getByLabel('Continuously').check()
    await dialog.getByRole('button', { name: 'Save and connect' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Saved: syncing continuously.')
    await expect(dialog.getByRole('status')).toHaveText(/^Synced/)
    await dialog.getByRole('button', { name: 'Close' }).click()

    // Another desktop of the desk archives a story and syncs it up.
    const other = await mkdtemp(join(tmpdir(), 'morgue-e2e-other-'))
    try {
      const story = join(other, 'story.md')
      await writeFile(
        story,
        '# Ferry service resumes after storm\n\nBoats left the harbour at dawn.\n',
      )
      await runCli(join(other, 'archive'), ['import', story])
      await runCli(join(other, 'archive'), ['sync', '--remote', `${server.url}/desk-e2e`, '--once'])
    } finally {
      await rm(other, { recursive: true, force: true })
    }

    // It arrives here by itself and is searchable.
    await expect(
      win.resultRows.filter({ hasText: 'Ferry service resumes after storm' }),
    ).toBeVisible()
    await win.search.fill('harbour dawn')
    await expect(win.resultRows.first()).toContainText('Ferry service resumes after storm')
    await expect(page.getByRole('button', { name: /^Sync: Synced/ })).toBeVisible()
  })

  test('a wrong address gets one clear sentence in the status', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await page.getByRole('button', { name: /^Sync: / }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings ▸ Sync' })
    const closed = `http://127.0.0.1:${await freePort()}`
    await dialog.getByLabel('Server').fill(closed)
    await dialog.getByLabel('Database').fill('desk-e2e')
    await dialog.getByLabel('Only when I choose Sync now').check()
    await dialog.getByRole('button', { name: 'Save and connect' }).click()
    await dialog.getByRole('button', { name: 'Sync now' }).click()
    await expect(dialog.getByRole('alert')).toHaveText(
      `Nothing answers at ${closed} (connection refused).`,
    )
    await expect(dialog.getByRole('status')).toHaveText(/^Offline: Nothing answers/)
  })
})
