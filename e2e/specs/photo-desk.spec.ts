import { writeFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'
import { FLOOD_MD } from '../../tests/photoDeskFixture'

test.describe('photo desk', () => {
  test('correct a credit in the reader, tag the photo, copy it with its credit in two styles', async ({
    page,
    importPaths,
    target,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    if (target === 'chromium') {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(page.url()).origin,
      })
    }
    const file = testInfo.outputPath('flood.md')
    await writeFile(file, FLOOD_MD)
    expect((await importPaths([file])).imported).toBe(1)

    // The photo without a caption is a hit of its own, found by its credit.
    await win.searchFor('frayer')
    const hit = page.locator('[data-kind="photo-hit"]')
    await expect(hit).toHaveCount(1)
    await expect(hit.getByTestId('credit')).toHaveText('Kevin Frayer / AFP')
    await expect(hit.getByTestId('open-article')).toHaveText(
      'in “Flood waters rise in the Rhine valley”',
    )
    await hit.click()

    // The photo view: correct the photographer in place.
    const view = page.getByTestId('photo-view')
    await expect(view.getByRole('heading', { level: 1 })).toHaveText(
      'Flood waters rise in the Rhine valley',
    )
    await view.getByRole('button', { name: 'Edit credit' }).click()
    const editor = view.getByTestId('photo-editor')
    await editor.getByRole('textbox', { name: /Photographer/ }).fill('Ed Jones')
    await editor.getByRole('button', { name: 'Save correction' }).click()
    await expect(editor).toBeHidden()
    await expect(view.getByTestId('reader-credit')).toHaveText('Ed Jones / AFP via Getty Images')
    await expect(view.getByTestId('edited-badge')).toBeVisible()
    await expect(view.getByTestId('printed-credit')).toHaveText(
      'Printed: KEVIN FRAYER/AFP via Getty Images',
    )

    // Searchable at once by the new photographer, marked as edited in the results.
    await win.searchFor('photographer:"ed jones" type:photo')
    await expect(hit).toHaveCount(1)
    await expect(hit.getByTestId('credit')).toHaveText('Ed Jones / AFP')
    await expect(hit.getByTestId('edited-badge')).toBeVisible()
    await snap(page, target, 'photo-desk')

    // Tag the photo on its own and find it by tag:.
    await win.addTag('Flood boats', view)
    await expect(
      view.getByTestId('photo-tags').locator('.tag-chip', { hasText: 'Flood boats' }),
    ).toBeVisible()
    await expect(win.tag('Flood boats')).toContainText('1')
    await win.tag('Flood boats').click()
    await expect(win.search).toHaveValue('tag:"Flood boats"')
    await expect(win.resultCount).toHaveText('1 result')
    await expect(hit).toHaveCount(1)
    await expect(hit.getByTestId('credit')).toHaveText('Ed Jones / AFP')

    // Copy with credit, Guardian style, from the reader.
    const chooseStyle = async (label: RegExp) => {
      await page.getByRole('button', { name: 'Credit style…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Credit style' })
      const select = dialog.getByRole('combobox', { name: 'House style' })
      const value = await select.locator('option', { hasText: label }).getAttribute('value')
      await select.selectOption(value!)
      await dialog.getByRole('button', { name: 'Save' }).click()
      await expect(dialog).toBeHidden()
    }
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText())

    await chooseStyle(/^Guardian/)
    await view.getByRole('button', { name: 'Copy with credit' }).click()
    await expect(win.toast).toContainText(
      'Copied with credit: Photograph: Ed Jones/AFP/Getty Images',
    )
    expect(await clipboard()).toBe('Photograph: Ed Jones/AFP/Getty Images')

    // AP style, with the keyboard shortcut on the results row.
    await chooseStyle(/^AP/)
    await hit.click()
    await win.results.focus()
    await page.keyboard.press('c')
    await expect.poll(clipboard).toBe('(Ed Jones/AFP via Getty Images)')

    // Back to the article: every photo is there, the corrected one marked as edited.
    await view.getByRole('button', { name: '← Open the article' }).click()
    await expect(win.reader.getByTestId('reader-photo')).toHaveCount(3)
    await expect(win.reader.getByTestId('edited-badge')).toHaveCount(1)
  })
})
