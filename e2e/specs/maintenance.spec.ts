import { readdir, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, runCli, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** Three small articles imported with the CLI, then a backup of them beside the archive. */
async function archiveWithBackup(archiveDir: string): Promise<void> {
  const files: string[] = []
  for (let i = 0; i < 3; i++) {
    const file = `${archiveDir}-article-${i}.txt`
    await writeFile(file, `Report ${i} from Raqa\n\nFighters entered the old town on day ${i}.\n`)
    files.push(file)
  }
  await runCli(archiveDir, ['import', ...files])
  await runCli(archiveDir, ['backup', `${archiveDir}-backups`])
}

test.describe('check, repair and back up', () => {
  test.describe('a sound archive', () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
      prepareArchive: async ({}, use) => {
        await use(archiveWithBackup)
      },
    })

    test('Check archive finds no damage; Back up now writes a snapshot', async ({
      page,
      archiveDir,
    }) => {
      const win = new ArchiveWindow(page)
      await expect(win.resultCount).toHaveText('3 items in the archive')
      await expect(page.getByTestId('damage-banner')).toHaveCount(0)
      await page.getByRole('button', { name: 'Check & back up…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Check, repair and back up' })
      await dialog.getByRole('button', { name: 'Check archive' }).click()
      const outcome = dialog.getByTestId('maintenance-outcome')
      await expect(outcome).toContainText('3 items, 3 files')
      await expect(outcome).toContainText('No damage found.')

      await expect(dialog.getByRole('button', { name: 'Back up now' })).toBeDisabled()
      await dialog.getByLabel(/Backup folder/).fill(`${archiveDir}-backups`)
      await dialog.getByLabel(/Keep/).fill('5')
      await dialog.getByRole('button', { name: 'Save backup settings' }).click()
      await expect(dialog.getByText('Saved.')).toBeVisible()
      await dialog.getByRole('button', { name: 'Back up now' }).click()
      await expect(outcome).toContainText('Backed up 3 items')
      await expect(outcome).toContainText('0 files copied, 3 linked from the previous backup')
      const snapshots = (await readdir(`${archiveDir}-backups`)).filter((n) =>
        n.startsWith('morgue-backup-'),
      )
      expect(snapshots).toHaveLength(2)
    })
  })

  test.describe('a damaged archive', () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
      prepareArchive: async ({}, use) => {
        await use(async (archiveDir: string) => {
          await archiveWithBackup(archiveDir)
          const [shard] = (await readdir(join(archiveDir, 'items'))).sort()
          await truncate(join(archiveDir, 'items', shard), 20)
        })
      },
    })

    test('opens anyway, says what is damaged, and Repair restores it from the backup', async ({
      page,
      archiveDir,
    }) => {
      const banner = page.getByTestId('damage-banner')
      await expect(banner).toContainText('The archive is damaged')
      await expect(banner).toContainText(join(archiveDir, 'items'))
      await banner.getByRole('button', { name: 'Check and repair…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Check, repair and back up' })
      await dialog.getByRole('button', { name: 'Check archive' }).click()
      const outcome = dialog.getByTestId('maintenance-outcome')
      await expect(outcome).toContainText('1 problem found')

      await dialog.getByLabel(/Backup folder/).fill(`${archiveDir}-backups`)
      await dialog.getByRole('button', { name: 'Save backup settings' }).click()
      await expect(dialog.getByText('Saved.')).toBeVisible()
      await dialog.getByRole('button', { name: 'Repair' }).click()
      await expect(outcome).toContainText('restored')
      await expect(outcome).toContainText('The archive now checks clean.')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await expect(banner).toHaveCount(0)
      await expect(new ArchiveWindow(page).resultCount).toHaveText('3 items in the archive')
    })
  })
})
