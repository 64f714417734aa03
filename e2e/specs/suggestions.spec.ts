import { join } from 'node:path'
import { expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

const keywordList = join(
  __dirname,
  '..',
  '..',
  'tests',
  'fixtures',
  'vocabulary',
  'lightroom-keywords.txt',
)

test.describe('tag suggestions', () => {
  test('import a keyword list, accept a suggested tag, reject another for good', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await importPaths([seedFile])
    await win.resultRows.first().click()
    const suggestions = win.reader.getByTestId('suggestions')

    // A Lightroom keyword list (tab-indented, [categories], {synonyms}) becomes the vocabulary.
    await suggestions.getByTestId('vocabulary-file').setInputFiles(keywordList)
    await expect(suggestions.getByTestId('suggestion-status')).toHaveText(
      'Imported “lightroom-keywords.txt”: 13 terms.',
    )
    const syria = suggestions.getByRole('button', {
      name: 'Add suggested tag Places/Middle East/Syria',
      exact: true,
    })
    await expect(syria).toBeVisible()
    // The caption's “Raqa” is a synonym of Raqqa in the list.
    await expect(
      suggestions.getByRole('button', { name: 'Add suggested tag Places/Middle East/Syria/Raqqa' }),
    ).toBeVisible()

    // Accept with the keyboard: the tag is on the article, the chip is gone.
    await syria.focus()
    await page.keyboard.press('Enter')
    await expect(
      win.reader.locator('.tag-chip', { hasText: 'Places/Middle East/Syria' }),
    ).toHaveCount(1)
    await expect(syria).toHaveCount(0)

    // Reject Iraq: gone now, and still gone after the app is opened again.
    await suggestions
      .getByRole('button', { name: 'Reject suggestion Places/Middle East/Iraq' })
      .click()
    const iraq = suggestions.getByRole('button', {
      name: 'Add suggested tag Places/Middle East/Iraq',
    })
    await expect(iraq).toHaveCount(0)
    await page.reload()
    await win.ready()
    await win.resultRows.first().click()
    await expect(
      win.reader.getByRole('button', { name: 'Add suggested tag Places/Middle East/Syria/Raqqa' }),
    ).toBeVisible()
    await expect(
      win.reader.getByRole('button', { name: 'Add suggested tag Places/Middle East/Iraq' }),
    ).toHaveCount(0)
    await expect(
      win.reader.locator('.tag-chip', { hasText: 'Places/Middle East/Syria' }),
    ).toHaveCount(1)

    await expect(win.reader.getByTestId('vocabulary-lists')).toContainText(
      'lightroom-keywords.txt (13)',
    )

    // A new name (not in the list) is added as a tag with one click.
    const iran = win.reader.getByRole('button', { name: 'Add place Iran as tag Iran' })
    await iran.click()
    await expect(win.reader.locator('.tag-chip', { hasText: /^Iran/ })).toHaveCount(1)

    // Removing the list takes its terms out of the suggestions.
    await win.reader
      .getByRole('button', { name: 'Remove keyword list lightroom-keywords.txt' })
      .click()
    await expect(win.reader.getByTestId('suggestion-status')).toHaveText(
      'Removed “lightroom-keywords.txt”.',
    )
    await expect(
      win.reader.getByRole('button', { name: 'Add suggested tag Places/Middle East/Syria/Raqqa' }),
    ).toHaveCount(0)
  })
})
