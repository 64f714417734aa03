import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

test.describe('search', () => {
  test.beforeEach(async ({ page, importPaths }) => {
    await new ArchiveWindow(page).ready()
    const report = await importPaths([seedFile])
    expect(report.imported).toBe(1)
  })

  test('souleiman finds the photo with its credit, and the AFP facet narrows', async ({
    page,
    target,
  }) => {
    const win = new ArchiveWindow(page)
    await win.search.focus()
    await page.keyboard.type('souleiman')
    const photoHit = page.locator('[data-kind="photo-hit"]')
    await expect(photoHit).toHaveCount(1)
    await expect(photoHit.getByTestId('credit')).toHaveText('Delil Souleiman / AFP')
    await expect(photoHit).toContainText('Armed men in uniform')

    const afp = page.getByTestId('facet-agency').filter({ hasText: 'AFP' })
    await expect(afp).toBeVisible()
    await afp.click()
    await expect(win.search).toHaveValue('souleiman agency:AFP')
    await expect(afp).toHaveAttribute('aria-pressed', 'true')
    await expect(photoHit.getByTestId('credit')).toHaveText('Delil Souleiman / AFP')

    await photoHit.click()
    await expect(win.reader.getByTestId('reader-credit')).toHaveText('Delil Souleiman / AFP')
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText('Iran says attacks')

    await snap(page, target, 'seed-article')
  })

  test('the whole archive shows its agencies and photographers before any search', async ({
    page,
  }) => {
    const win = new ArchiveWindow(page)
    await expect(win.search).toHaveValue('')
    const photographer = page
      .getByTestId('facet-photographer')
      .filter({ hasText: 'Delil Souleiman' })
    await expect(photographer).toBeVisible()
    await photographer.click()
    await expect(win.search).toHaveValue('photographer:"Delil Souleiman"')
    await expect(page.locator('[data-kind="photo-hit"]')).toHaveCount(1)
  })

  test('keyboard: / focuses search, arrows move, Enter opens', async ({ page }) => {
    const win = new ArchiveWindow(page)
    await page.locator('body').click({ position: { x: 700, y: 840 } })
    await page.keyboard.press('/')
    await expect(win.search).toBeFocused()
    await page.keyboard.type('raqa')
    await expect(win.resultRows.first()).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(win.results).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText('Iran says attacks')
    await page.keyboard.press('Control+k')
    await expect(win.search).toBeFocused()
  })

  test('a query that cannot be parsed shows a message, not a crash', async ({ page, target }) => {
    const win = new ArchiveWindow(page)
    await win.searchFor('souleiman "wrong American')
    const problem = page.getByRole('alert')
    await expect(problem).toBeVisible()
    await expect(problem).toContainText(/quote/i)
    await snap(page, target, 'bad-query')
    // The window still works: fix the query and the hits come back.
    await win.searchFor('"wrong American policies"')
    await expect(problem).toBeHidden()
    await expect(win.resultRows.first()).toContainText('Iran says attacks')
  })

  test('the syntax help opens from the search box', async ({ page }) => {
    await page.getByRole('button', { name: 'Search syntax help' }).click()
    const help = page.getByRole('dialog', { name: 'Search syntax' })
    await expect(help).toContainText('photographer:"delil souleiman"')
    await help.getByRole('button', { name: 'Close help' }).click()
    await expect(help).toBeHidden()
  })
})
