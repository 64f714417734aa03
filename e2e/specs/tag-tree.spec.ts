import { mkdir, writeFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

const CITIES = [
  ['Raqqa', 'Places/Syria/Raqqa'],
  ['Kobani', 'Places/Syria/Kobani'],
  ['Mosul', 'Places/Iraq/Mosul'],
] as const

test.describe('tag tree', () => {
  test('browse the tree: counts roll up, a node finds its subtree, a move takes the subtree', async ({
    page,
    importPaths,
    target,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const dir = testInfo.outputPath('tree')
    await mkdir(dir, { recursive: true })
    const files: string[] = []
    for (const [city] of CITIES) {
      const file = `${dir}/${city}.txt`
      await writeFile(file, `Dispatch from ${city}\n\nOur reporter in ${city} sent this report.\n`)
      files.push(file)
    }
    expect((await importPaths(files)).imported).toBe(3)

    // Tag each dispatch with its place as a path, in the reader.
    for (const [city, path] of CITIES) {
      await win.searchFor(city.toLowerCase())
      await expect(win.resultCount).toHaveText('1 result')
      await expect(win.resultRows.first()).toContainText(city)
      await win.resultRows.first().click()
      await expect(win.reader.getByRole('heading', { level: 1 })).toContainText(city)
      await win.addTag(path)
      await expect(win.reader.locator('.tag-chip', { hasText: path })).toBeVisible()
    }
    await win.searchFor('')

    // One root, its count rolling up all three; the levels below are closed.
    const tree = page.getByRole('tree', { name: 'Tags' })
    await expect(win.treeNode('Places')).toContainText('3')
    await expect(win.treeNode('Places/Syria')).toHaveCount(0)
    await tree.getByRole('button', { name: 'Expand Places' }).click()
    await expect(win.treeNode('Places/Syria')).toContainText('Syria')
    await expect(win.treeNode('Places/Syria')).toContainText('2')
    await expect(win.treeNode('Places/Iraq')).toContainText('1')

    // Right opens a node from the keyboard.
    await win.treeNode('Places/Syria').focus()
    await page.keyboard.press('ArrowRight')
    await expect(win.treeNode('Places/Syria/Raqqa')).toContainText('1')
    await expect(win.treeNode('Places/Syria/Kobani')).toContainText('1')
    await snap(page, target, 'tag-tree')

    // A node filters by itself and everything below it.
    await win.treeNode('Places/Syria').click()
    await expect(win.search).toHaveValue('tag:Places/Syria')
    await expect(win.resultCount).toHaveText('2 results')
    await expect(win.resultRows.filter({ hasText: 'Raqqa' })).toHaveCount(1)
    await expect(win.resultRows.filter({ hasText: 'Kobani' })).toHaveCount(1)

    // Moving a node (rename its path) takes its subtree along.
    await win.treeNode('Places/Syria').hover()
    await page.getByRole('button', { name: 'Actions for tag Places/Syria' }).click()
    await page.getByRole('menuitem', { name: 'Rename…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Rename tag “Places/Syria”' })
    await dialog.getByRole('textbox').fill('Levant/Syria')
    await dialog.getByRole('button', { name: 'Rename' }).click()
    await expect(win.treeNode('Levant')).toContainText('2')
    await expect(win.treeNode('Places')).toContainText('1')
    await tree.getByRole('button', { name: 'Expand Levant/Syria' }).click()
    await expect(win.treeNode('Levant/Syria/Raqqa')).toContainText('1')
    await expect(win.search).toHaveValue('tag:Levant/Syria')
    await expect(win.resultCount).toHaveText('2 results')

    // The node-only form leaves the subtree out.
    await win.searchFor('tag:=Levant/Syria')
    await expect(page.getByText('Nothing matches this search.')).toBeVisible()

    // Deleting a node takes the tags under it along; Undo puts every one back.
    await win.searchFor('')
    await win.tagAction('Levant', 'Delete with the tags below')
    const confirm = page.getByRole('dialog', { name: 'Delete tag “Levant”' })
    await expect(confirm.getByTestId('delete-tag-summary')).toContainText(
      'The 2 tags under “Levant” will be taken off their items: Levant/Syria/Kobani (1 item), Levant/Syria/Raqqa (1 item).',
    )
    await confirm.getByRole('button', { name: 'Delete 2 tags' }).click()
    await expect(win.toast).toContainText(
      'Deleted “Levant” and the tags under it (2 tags) from 2 items.',
    )
    await expect(win.treeNode('Levant')).toHaveCount(0)
    await expect(win.treeNode('Places')).toContainText('1')
    await win.toast.getByRole('button', { name: 'Undo' }).click()
    await expect(win.treeNode('Levant')).toContainText('2')
    await win.searchFor('tag:Levant/Syria/Kobani')
    await expect(win.resultCount).toHaveText('1 result')
  })
})
