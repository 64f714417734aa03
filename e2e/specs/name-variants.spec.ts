import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

test.describe('name variants and field completion', () => {
  test.beforeEach(async ({ page, importPaths }) => {
    await new ArchiveWindow(page).ready()
    const report = await importPaths([seedFile])
    expect(report.imported).toBe(1)
  })

  test('a variant added in the editor finds the archived article at once', async ({ page }) => {
    const win = new ArchiveWindow(page)
    const photoHit = page.locator('[data-kind="photo-hit"]')
    await win.searchFor('Sulayman')
    await expect(win.resultCount).toHaveText('0 results')

    await page.getByRole('button', { name: 'Name variants…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Name variants' })
    await dialog.getByRole('searchbox', { name: 'Find a name' }).fill('souleiman')
    const group = dialog.getByTestId('name-variant-group')
    await expect(group).toHaveCount(1)
    await expect(group).toContainText('Sulaiman')
    const add = dialog.getByRole('textbox', { name: 'Add a variant of Souleiman' })
    await add.fill('Sulayman')
    await add.press('Enter')
    await expect(dialog.getByRole('status')).toHaveText('Added Sulayman to Souleiman.')
    await expect(group).toContainText('Sulayman')

    // A new group of its own, then merged into the Souleiman group.
    await dialog.getByRole('searchbox', { name: 'Find a name' }).fill('')
    await dialog.getByRole('textbox', { name: 'New group' }).fill('Slimane, Sliman')
    await dialog.getByRole('button', { name: 'Add group' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Added Slimane = Sliman.')
    await dialog.getByRole('checkbox', { name: 'Select Souleiman for merging' }).check()
    await dialog.getByRole('checkbox', { name: 'Select Slimane for merging' }).check()
    await dialog.getByRole('button', { name: 'Merge selected' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Merged 2 groups.')
    await dialog.getByRole('searchbox', { name: 'Find a name' }).fill('slim')
    await expect(group).toHaveCount(1)
    await expect(group).toContainText('Souleiman')
    await dialog.getByRole('button', { name: 'Done' }).click()

    // The search that found nothing finds the photo now (the list refreshes on the change).
    await win.searchFor('Sulayman')
    await expect(photoHit).toHaveCount(1)
    await expect(photoHit.getByTestId('credit')).toHaveText('Delil Souleiman / AFP')
    await win.searchFor('sliman')
    await expect(photoHit).toHaveCount(1)
  })

  test('typing photographer: offers values with counts; Enter takes one', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await win.search.focus()
    await page.keyboard.type('photographer:del')
    const options = page.locator('#field-completions').getByRole('option')
    await expect(options).toHaveCount(1)
    await expect(options.first()).toContainText('Delil Souleiman')
    await expect(options.first()).toContainText('1')
    await expect(options.first()).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('Enter')
    await expect(win.search).toHaveValue('photographer:"Delil Souleiman" ')
    await expect(page.locator('[data-kind="photo-hit"]')).toHaveCount(1)
    await expect(options).toHaveCount(0)

    await win.search.fill('')
    await page.keyboard.type('agency:')
    await expect(options.first()).toContainText('AFP')
    await page.keyboard.press('Escape')
    await expect(options).toHaveCount(0)
    await expect(win.search).toHaveValue('agency:')
  })

  test('an unknown field is shown at its place and lists nothing', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await win.searchFor('raqa foo:bar')
    await expect(page.getByRole('alert')).toContainText('Unknown field "foo:"')
    await expect(page.locator('.query-error-context mark')).toHaveText('foo')
    await expect(win.resultCount).toHaveText('0 results')
    await expect(win.resultRows).toHaveCount(0)
  })
})
