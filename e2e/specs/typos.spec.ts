import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

test.describe('typo tolerance', () => {
  test.beforeEach(async ({ page, importPaths }) => {
    await new ArchiveWindow(page).ready()
    const report = await importPaths([seedFile])
    expect(report.imported).toBe(1)
  })

  test('a misspelt name finds the photo, says so, and the exact search is one key away', async ({
    page,
    target,
  }) => {
    const win = new ArchiveWindow(page)
    await win.search.focus()
    await page.keyboard.type('Suoleiman')
    const photoHit = page.locator('[data-kind="photo-hit"]')
    await expect(photoHit.getByTestId('credit')).toHaveText('Delil Souleiman / AFP')
    const notice = page.getByTestId('spelling-notice')
    await expect(notice).toHaveText('Showing results for Souleiman — search instead for Suoleiman')
    await snap(page, target, 'typo-showing-results-for')

    // "search instead" runs the words as typed, forced exact: nothing, and a way back.
    const instead = page.getByTestId('search-instead')
    await instead.focus()
    await page.keyboard.press('Enter')
    await expect(win.search).toHaveValue('=Suoleiman')
    await expect(page.locator('.no-results')).toHaveText('Nothing matches this search.')
    const didYouMean = page.getByTestId('did-you-mean-link')
    await expect(didYouMean).toHaveText('=Souleiman')
    await didYouMean.focus()
    await page.keyboard.press('Enter')
    await expect(win.search).toHaveValue('=Souleiman')
    await expect(photoHit.getByTestId('credit')).toHaveText('Delil Souleiman / AFP')
    await expect(page.getByTestId('spelling-notice')).toHaveCount(0)
  })

  test('a quoted misspelling is kept exact and offers "Did you mean", in the dark theme too', async ({
    page,
    target,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const win = new ArchiveWindow(page)
    await win.searchFor('"delil souleimann"')
    await expect(page.getByTestId('did-you-mean')).toHaveText('Did you mean "delil souleiman"?')
    const link = page.getByTestId('did-you-mean-link')
    const color = await link.evaluate((el) => getComputedStyle(el).color)
    const background = await page
      .getByTestId('did-you-mean')
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(color).not.toBe(background)
    await snap(page, target, 'typo-did-you-mean-dark')
    await link.click()
    await expect(win.search).toHaveValue('"delil souleiman"')
    await expect(page.locator('[data-kind="photo-hit"]').first()).toBeVisible()
  })
})
