import { join } from 'node:path'
import { corpusDir, expect, seedFile, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** The seed article (an AFP picture from Syria) and twelve BBC sport stories. */
const sport = Array.from({ length: 12 }, (_, i) =>
  join(corpusDir, 'bbc-news', 'bbc', 'sport', `${String(i + 1).padStart(3, '0')}.txt`),
)

test.describe('tagging rules', () => {
  test.beforeEach(async ({ page, importPaths }) => {
    await new ArchiveWindow(page).ready()
    const report = await importPaths([seedFile, ...sport])
    expect(report.imported).toBe(13)
  })

  test('create a rule: its query is checked, the preview counts, apply, see provenance, undo', async ({
    page,
  }) => {
    const win = new ArchiveWindow(page)
    await win.searchFor('olympic')
    await expect(win.resultCount).toHaveText('6 results')

    await page.getByRole('button', { name: 'Rules…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Tagging rules' })
    await expect(dialog).toContainText('No rules yet.')
    const query = dialog.getByRole('textbox', { name: 'Rule query' })
    await query.fill('olympic foo:bar')
    const tagInput = dialog.getByRole('combobox', { name: 'Add tag' })
    await tagInput.fill('Sport/Athletics')
    await tagInput.press('Enter')
    // An invalid query is shown at its place, and the rule cannot be saved.
    await expect(dialog.getByRole('alert')).toContainText('Unknown field "foo:"')
    await expect(dialog.locator('.rule-query-error mark')).toHaveText('foo')
    const apply = dialog.getByRole('button', { name: 'Add rule and apply' })
    await expect(apply).toBeDisabled()

    await query.fill('olympic')
    await expect(dialog.getByTestId('rule-preview')).toHaveText('Adds Sport/Athletics to 6 items.')
    await apply.click()
    const lastRun = dialog.getByTestId('rule-last-run')
    await expect(lastRun).toContainText('Rule saved: added Sport/Athletics to 6 items.')
    await expect(dialog.getByRole('list', { name: 'Rules' }).getByRole('listitem')).toHaveCount(1)
    await expect(dialog.getByRole('checkbox', { name: 'Rule “olympic” on' })).toBeChecked()
    await dialog.getByRole('button', { name: 'Close' }).click()

    // The tag is searchable, and the reader says which rule added it.
    await win.searchFor('tag:"Sport/Athletics"')
    await expect(win.resultCount).toHaveText('6 results')
    await win.resultRows.first().click()
    const chip = win.reader.locator('.tag-chip', { hasText: 'Sport/Athletics' })
    await expect(chip).toHaveAttribute('title', 'added by rule: olympic')
    await expect(chip.getByRole('img', { name: 'added by rule: olympic' })).toBeVisible()

    // One Undo takes the whole run back (offered again when the dialog reopens).
    await page.getByRole('button', { name: 'Rules…' }).click()
    await expect(lastRun).toContainText('added Sport/Athletics to 6 items.')
    await dialog.getByRole('button', { name: 'Undo' }).click()
    await expect(lastRun).toHaveCount(0)
    await expect(dialog.getByTestId('rule-status')).toHaveText(
      'Undone: the tags are off 6 items again.',
    )
    await dialog.getByRole('button', { name: 'Close' }).click()
    await win.searchFor('tag:"Sport/Athletics"')
    await expect(win.resultCount).toHaveText('0 results')
    await expect(chip).toHaveCount(0)
  })

  test('a rule that would tag the whole archive asks first; rules move by keyboard', async ({
    page,
  }) => {
    await page.getByRole('button', { name: 'Rules…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Tagging rules' })
    const query = dialog.getByRole('textbox', { name: 'Rule query' })
    const tagInput = dialog.getByRole('combobox', { name: 'Add tag' })
    const apply = dialog.getByRole('button', { name: 'Add rule and apply' })

    await query.fill('*')
    await tagInput.fill('Archive')
    await tagInput.press('Enter')
    const confirm = dialog.getByRole('checkbox', {
      name: 'This rule matches every item in the archive (13 items): add Archive to all of them?',
    })
    await expect(confirm).toBeVisible()
    await expect(apply).toBeDisabled()
    await confirm.check()
    await apply.click()
    const lastRun = dialog.getByTestId('rule-last-run')
    const status = dialog.getByTestId('rule-status')
    await expect(lastRun).toContainText('added Archive to 13 items.')

    await query.fill('agency:afp syria')
    await tagInput.fill('Places/Syria')
    await tagInput.press('Enter')
    await expect(dialog.getByTestId('rule-preview')).toHaveText('Adds Places/Syria to 1 item.')
    await apply.click()
    await expect(lastRun).toContainText('added Places/Syria to 1 item.')

    const rows = dialog.getByRole('list', { name: 'Rules' }).getByRole('listitem')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('*')
    // Move the second rule up with its button, then back down with Alt+↓ on its row.
    await dialog.getByRole('button', { name: 'Move “agency:afp syria” up' }).click()
    await expect(rows.nth(0)).toContainText('agency:afp syria')
    await expect(status).toHaveText('Moved “agency:afp syria” to position 1.')
    await dialog.getByRole('button', { name: 'Move “agency:afp syria” down' }).focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect(rows.nth(1)).toContainText('agency:afp syria')

    // Switched off, then removed.
    const on = dialog.getByRole('checkbox', { name: 'Rule “*” on' })
    await on.click()
    await expect(status).toHaveText('“*” is off.')
    await expect(on).not.toBeChecked()
    await dialog.getByRole('button', { name: 'Remove rule “*”' }).click()
    await expect(rows).toHaveCount(1)
    await expect(status).toHaveText('Removed “*”; the tags it added stay.')
  })
})
