import { mkdir, writeFile } from 'node:fs/promises'
import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

test.describe('tags', () => {
  test('tag the article iran, filter by it, rename it, undo its deletion', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await win.resultRows.first().click()

    // Tag in place in the reader.
    await win.addTag('iran')
    await expect(win.reader.locator('.tag-chip', { hasText: 'iran' })).toBeVisible()
    await expect(win.tag('iran')).toContainText('1')

    // Filter by clicking the tag.
    await win.tag('iran').click()
    await expect(win.search).toHaveValue('tag:iran')
    await expect(win.resultCount).toHaveText('1 result')
    await expect(win.resultRows.first()).toContainText('Iran says attacks')

    // Rename from the sidebar: the filter follows the new name.
    await win.tagAction('iran', 'Rename…')
    const dialog = page.getByRole('dialog', { name: 'Rename tag “iran”' })
    await dialog.getByRole('textbox').fill('Iran–US')
    await dialog.getByRole('button', { name: 'Rename' }).click()
    await expect(win.tag('Iran–US')).toBeVisible()
    await expect(win.tag('iran')).toHaveCount(0)
    await expect(win.search).toHaveValue('tag:Iran–US')
    await expect(win.resultRows.first()).toContainText('Iran says attacks')

    // Delete the tag, then Undo puts it back on the article.
    await win.tagAction('Iran–US', 'Delete tag')
    await page
      .getByRole('dialog', { name: 'Delete tag “Iran–US”' })
      .getByRole('button', { name: 'Delete tag' })
      .click()
    await expect(win.tag('Iran–US')).toHaveCount(0)
    await win.toast.getByRole('button', { name: 'Undo' }).click()
    await expect(win.tag('Iran–US')).toContainText('1')
  })

  test('delete an item with the Delete key, then undo', async ({ page, importPaths }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await expect(win.resultCount).toHaveText('1 item in the archive')
    await win.resultRows.first().click()
    await win.results.focus()
    await page.keyboard.press('Delete')
    await expect(win.toast).toContainText('Deleted 1 item.')
    await expect(page.getByTestId('empty-state')).toBeVisible()
    await win.toast.getByRole('button', { name: 'Undo' }).click()
    await expect(win.resultCount).toHaveText('1 item in the archive')
    await expect(win.resultRows.first()).toContainText('Iran says attacks')
  })

  test('bulk-tag three results at once', async ({ page, importPaths, target }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const dir = testInfo.outputPath('bulk')
    await mkdir(dir, { recursive: true })
    const files: string[] = []
    for (const [i, city] of ['Raqqa', 'Mosul', 'Kirkuk', 'Erbil'].entries()) {
      const file = `${dir}/dispatch-${i}.txt`
      await writeFile(
        file,
        `Dispatch from ${city}\n\nReporters in ${city} described the situation on day ${i + 1} of the offensive.\n`,
      )
      files.push(file)
    }
    const report = await importPaths(files)
    expect(report.imported).toBe(4)
    await expect(win.resultRows).toHaveCount(4)

    // Select three: click the first, shift-click the third.
    await win.resultRows.nth(0).click()
    await win.resultRows.nth(2).click({ modifiers: ['Shift'] })
    await expect(page.getByTestId('bulk-bar')).toContainText('3 selected')
    await win.results.focus()
    await page.keyboard.press('t')
    const dialog = page.getByRole('dialog', { name: 'Tag items' })
    await win.addTag('iraq-offensive', dialog)
    await expect(win.tag('iraq-offensive')).toContainText('3')
    await snap(page, target, 'bulk-tag')
    await dialog.getByRole('button', { name: 'Done' }).click()

    await win.tag('iraq-offensive').click()
    await expect(win.resultCount).toHaveText('3 results')
  })
})
