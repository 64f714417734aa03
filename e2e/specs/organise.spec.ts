import { mkdir, writeFile } from 'node:fs/promises'
import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

test.describe('organise', () => {
  test('merge one tag into another and recolour it from the sidebar', async ({
    page,
    importPaths,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const dir = testInfo.outputPath('merge')
    await mkdir(dir, { recursive: true })
    const files = ['Kobani', 'Qamishli'].map((town) => `${dir}/${town}.txt`)
    await writeFile(
      files[0],
      'Fighting near Kobani\n\nKurdish forces held the eastern districts of Kobani.\n',
    )
    await writeFile(
      files[1],
      'Talks in Qamishli\n\nKurdish officials met tribal leaders in Qamishli.\n',
    )
    await importPaths(files)

    // Two spellings of the same idea, one on each article.
    for (const [i, tag] of ['Kurds', 'kurdish'].entries()) {
      await win.resultRows.nth(i).click()
      await win.addTag(tag)
      await expect(win.tag(tag)).toContainText('1')
    }

    await win.tagAction('kurdish', 'Merge into…')
    const dialog = page.getByRole('dialog', { name: 'Merge tag “kurdish” into…' })
    await expect(dialog.getByRole('combobox', { name: 'Target tag' })).toBeFocused()
    await page.keyboard.type('Kurds')
    await dialog.getByRole('button', { name: 'Merge' }).click()
    await expect(win.tag('kurdish')).toHaveCount(0)
    await expect(win.tag('Kurds')).toContainText('2')

    await win.tag('Kurds').hover()
    await page.getByRole('button', { name: 'Actions for tag Kurds' }).click()
    await page.getByRole('button', { name: 'Colour green' }).click()
    await expect(win.tag('Kurds').locator('.tag-dot')).toHaveCSS(
      'background-color',
      'rgb(39, 174, 96)',
    )
  })

  test('save a search, run it from the sidebar, delete it', async ({ page, importPaths }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await win.searchFor('photographer:"delil souleiman"')
    await expect(page.locator('[data-kind="photo-hit"]')).toHaveCount(1)
    await page.getByRole('button', { name: '☆ Save' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save search' })
    await dialog.getByRole('textbox').fill('Souleiman photos')
    await dialog.getByRole('button', { name: 'Save' }).click()

    const saved = page.getByRole('region', { name: 'Saved searches' })
    await expect(saved.getByRole('button', { name: 'Souleiman photos', exact: true })).toBeVisible()
    await win.searchFor('')
    await expect(win.resultCount).toHaveText('1 item in the archive')
    await saved.getByRole('button', { name: 'Souleiman photos', exact: true }).click()
    await expect(win.search).toHaveValue('photographer:"delil souleiman"')
    await expect(page.locator('[data-kind="photo-hit"]')).toHaveCount(1)

    await saved.getByRole('button', { name: 'Delete saved search Souleiman photos' }).click()
    await expect(saved.getByRole('button', { name: 'Souleiman photos', exact: true })).toHaveCount(
      0,
    )
  })
})
