import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

test.describe('tag tidy-up', () => {
  test('colour a tag, see it in results and reader; delete it with a count, then undo', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await win.resultRows.first().click()
    await win.addTag('Syria')
    await expect(win.tag('Syria')).toContainText('1')

    // Colour it from the sidebar: the results row and the reader's chip take the colour.
    await win.tag('Syria').hover()
    await page.getByRole('button', { name: 'Actions for tag Syria' }).click()
    await page.getByRole('button', { name: 'Colour blue' }).click()
    const rowChip = win.resultRows.first().locator('.tag-chip', { hasText: 'Syria' })
    const readerChip = win.reader.locator('.tag-chip', { hasText: 'Syria' })
    await expect(rowChip).toHaveCSS('--tag', '#2980b9')
    await expect(readerChip).toHaveCSS('--tag', '#2980b9')
    await expect(win.tag('Syria').locator('.tag-dot')).toHaveCSS(
      'background-color',
      'rgb(41, 128, 185)',
    )

    // Delete: the dialog says how many items lose it; Undo restores the tag and its colour.
    await win.tagAction('Syria', 'Delete tag')
    const confirm = page.getByRole('dialog', { name: 'Delete tag “Syria”' })
    await expect(confirm.getByTestId('delete-tag-summary')).toHaveText(
      '“Syria” will be taken off 1 item and its colour forgotten. You can undo this right after.',
    )
    await confirm.getByRole('button', { name: 'Delete tag' }).click()
    await expect(win.toast).toContainText('Deleted tag “Syria” from 1 item.')
    await expect(win.tag('Syria')).toHaveCount(0)
    await expect(readerChip).toHaveCount(0)
    await win.toast.getByRole('button', { name: 'Undo' }).click()
    await expect(win.tag('Syria')).toContainText('1')
    await expect(readerChip).toHaveCSS('--tag', '#2980b9')
    await expect(rowChip).toBeVisible()
  })

  test('a tag taken off its last item is listed under Unused tags and deleted from there', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await win.resultRows.first().click()
    await win.addTag('Kurds')
    await expect(win.tag('Kurds')).toContainText('1')
    await win.reader.getByRole('button', { name: 'Remove tag Kurds' }).click()
    await expect(win.tag('Kurds')).toHaveCount(0)

    await page.getByRole('button', { name: 'Unused tags…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Unused tags' })
    await expect(dialog.getByTestId('unused-tags')).toContainText('Kurds')
    await expect(dialog.getByTestId('unused-tags')).toContainText('taken off its last item')
    await dialog.getByRole('button', { name: 'Delete all 1' }).click()
    await expect(dialog.getByTestId('no-unused-tags')).toBeVisible()
    await expect(win.toast).toContainText('Deleted 1 unused tag.')
  })
})
