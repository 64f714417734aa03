import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { readFile } from 'node:fs/promises'
import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

test.describe('import', () => {
  test('an empty archive shows how to start', async ({ page, target }) => {
    const win = new ArchiveWindow(page)
    await expect(page.getByTestId('empty-state')).toContainText('Your archive is empty')
    await expect(page.getByTestId('empty-state')).toContainText('seed')
    await win.ready()
    await snap(page, target, 'empty-archive')
  })

  test('import the seed article through the paste dialog and see it listed', async ({
    page,
    target,
  }) => {
    const win = new ArchiveWindow(page)
    const text = await readFile(seedFile, 'utf8')
    const report = await win.pasteImport(text)
    await expect(report.getByTestId('report-imported')).toHaveText('1')
    await expect(report.getByTestId('report-failed')).toHaveText('0')
    await snap(page, target, 'import-report')
    await win.closeReport()

    await expect(win.resultCount).toHaveText('1 item in the archive')
    await expect(win.resultRows.first()).toContainText('Iran says attacks on US forces')
    await win.resultRows.first().click()
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText(
      'wrong American policies',
    )
    await expect(win.reader.getByTestId('reader-credit')).toHaveText('Delil Souleiman / AFP')
    await expect(win.reader).toContainText('Iran said Monday')

    // The same text again is a duplicate, and nothing new is stored.
    const again = await win.pasteImport(text)
    await expect(again.getByTestId('report-duplicates')).toHaveText('1')
    await expect(again.getByTestId('report-imported')).toHaveText('0')
    await win.closeReport()
    await expect(win.resultCount).toHaveText('1 item in the archive')
  })

  test('dropping files onto the window imports them, with a reason for each refusal', async ({
    page,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const text = await readFile(seedFile, 'utf8')
    const files = await page.evaluateHandle((seed) => {
      const dt = new DataTransfer()
      dt.items.add(new File([seed], 'seed.txt', { type: 'text/plain' }))
      dt.items.add(new File([new Uint8Array([0, 1, 2, 3])], 'garbage.bin'))
      return dt
    }, text)
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: files })
    await page.dispatchEvent('.app', 'drop', { dataTransfer: files })
    const report = page.getByTestId('import-report')
    await expect(report.getByTestId('report-imported')).toHaveText('1')
    await expect(report.getByTestId('report-failed')).toHaveText('1')
    await expect(report).toContainText('garbage.bin')
    await win.closeReport()
    await expect(win.resultRows.first()).toContainText('Iran says attacks')
  })

  test('a long import shows its progress and can be cancelled', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const files = await page.evaluateHandle(() => {
      const dt = new DataTransfer()
      for (let i = 0; i < 400; i++) {
        const text = `Bulletin number ${i}\n\nA short wire bulletin, number ${i} of the day, about the talks.\n`
        dt.items.add(new File([text], `bulletin-${i}.txt`, { type: 'text/plain' }))
      }
      return dt
    })
    await page.dispatchEvent('.app', 'drop', { dataTransfer: files })
    const progress = page.getByRole('status', { name: 'Import progress' })
    await expect(progress).toContainText(/Importing \d+ of 400 files/)
    await progress.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByRole('dialog', { name: 'Import cancelled' })).toBeVisible()
    const imported = Number(await page.getByTestId('report-imported').textContent())
    expect(imported).toBeLessThan(400)
    await win.closeReport()
    // What was imported before Cancel stays; nothing after it.
    if (imported === 0) await expect(page.getByTestId('empty-state')).toBeVisible()
    else
      await expect(win.resultCount).toHaveText(
        `${imported} item${imported === 1 ? '' : 's'} in the archive`,
      )
  })

  test('a file that cannot be imported is reported with its reason', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    // Under an allowed folder (the temp folder), so the import runs and meets the missing file.
    const report = await importPaths([join(tmpdir(), 'morgue-e2e-nonexistent', 'missing.txt')])
    expect(report.failed).toBe(1)
    expect(report.outcomes[0]?.reason).toMatch(/missing\.txt/)
  })
})
