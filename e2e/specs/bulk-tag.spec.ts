import { mkdir, writeFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

const DISPATCHES = [
  ['Raqqa', 'The offensive on Raqqa entered its third week.'],
  ['Mosul', 'Residents of Mosul fled as the offensive neared the old city.'],
  ['Kirkuk', 'In Kirkuk, officials braced for the offensive to spread.'],
  ['Erbil', 'Erbil received families displaced by the offensive.'],
  ['Beirut', 'Beirut held a quiet municipal election on Sunday.'],
] as const

test.describe('bulk tagging', () => {
  test('tag every result of a search at once, then undo it in one step', async ({
    page,
    importPaths,
    target,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const dir = testInfo.outputPath('bulk-search')
    await mkdir(dir, { recursive: true })
    const files: string[] = []
    for (const [city, text] of DISPATCHES) {
      const file = `${dir}/${city}.txt`
      await writeFile(file, `Dispatch from ${city}\n\n${text}\n`)
      files.push(file)
    }
    expect((await importPaths(files)).imported).toBe(5)

    await win.searchFor('offensive')
    await expect(win.resultCount).toHaveText('4 results')
    await page.getByTestId('tag-all-results').click()
    const dialog = page.getByRole('dialog', { name: 'Tag all results' })
    await expect(dialog).toContainText('all 4 results of “offensive”')
    await dialog.getByRole('combobox', { name: 'Tag to add' }).fill('Conflicts/Iraq offensive')
    await page.keyboard.press('Enter')
    await expect(dialog.locator('.tag-chip', { hasText: 'Conflicts/Iraq offensive' })).toBeVisible()
    await snap(page, target, 'bulk-tag-search')
    await dialog.getByRole('button', { name: 'Apply to 4 rows' }).click()

    await expect(dialog).toBeHidden()
    await expect(win.toast).toContainText('Tagged 4 items: +Conflicts/Iraq offensive')
    await expect(win.treeNode('Conflicts')).toContainText('4')

    // Every one of them has it, and only they do.
    await win.searchFor('tag:"Conflicts/Iraq offensive"')
    await expect(win.resultCount).toHaveText('4 results')
    await expect(win.resultRows.filter({ hasText: 'Beirut' })).toHaveCount(0)

    // One Undo takes the whole change back.
    await win.toast.getByRole('button', { name: 'Undo' }).click()
    await expect(win.toast).toContainText('Undone on 4 items.')
    await expect(win.treeNode('Conflicts')).toHaveCount(0)
    await expect(page.getByText('Nothing matches this search.')).toBeVisible()
  })

  test('ctrl-click and select-all pick rows for the Tag dialog', async ({
    page,
    importPaths,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const dir = testInfo.outputPath('bulk-select')
    await mkdir(dir, { recursive: true })
    const files: string[] = []
    for (const [city, text] of DISPATCHES) {
      const file = `${dir}/${city}.txt`
      await writeFile(file, `Dispatch from ${city}\n\n${text}\n`)
      files.push(file)
    }
    expect((await importPaths(files)).imported).toBe(5)
    await expect(win.resultRows).toHaveCount(5)

    // Ctrl/Cmd-click adds single rows to the selection; clicking one again takes it out.
    const modifier = process.platform === 'darwin' ? 'Meta' : 'Control'
    await win.resultRows.nth(0).click()
    await win.resultRows.nth(1).click({ modifiers: [modifier] })
    await win.resultRows.nth(3).click({ modifiers: [modifier] })
    await expect(page.getByTestId('bulk-bar')).toContainText('2 selected')
    await win.resultRows.nth(3).click({ modifiers: [modifier] })
    await expect(page.getByTestId('bulk-bar')).toContainText('1 selected')

    // Select all, tag them all from the dialog.
    await win.results.focus()
    await page.keyboard.press(`${modifier}+a`)
    await expect(page.getByTestId('bulk-bar')).toContainText('5 selected')
    await page.keyboard.press('t')
    const dialog = page.getByRole('dialog', { name: 'Tag items' })
    await win.addTag('Desk/Middle East', dialog)
    await expect(win.treeNode('Desk')).toContainText('5')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('bulk-bar')).toHaveCount(0)
  })
})
