import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeWireVersions } from '../../tests/similar/wireVersions'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

test.describe('wire duplicates', () => {
  let filesDir: string
  test.beforeEach(async ({ page, importPaths }) => {
    filesDir = await mkdtemp(join(tmpdir(), 'morgue-e2e-wire-'))
    await new ArchiveWindow(page).ready()
    // One story from BBC News, AP (10 % edited) and Reuters (20 % edited), and a distinct one.
    const report = await importPaths(await writeWireVersions(filesDir))
    expect(report.imported).toBe(4)
  })
  test.afterEach(async () => {
    if (filesDir) await rm(filesDir, { recursive: true, force: true })
  })

  test('three versions show as one row with “+2 similar”, expand, and the reader lists them', async ({
    page,
  }) => {
    const win = new ArchiveWindow(page)
    await win.searchFor('TimeWarner profits')
    await expect(win.resultRows).toHaveCount(1)
    await expect(win.resultCount).toHaveText('3 results')
    await expect(page.getByTestId('folded-count')).toHaveText(
      '· 2 near duplicates folded into rows',
    )
    const row = win.resultRows.first()
    const toggle = row.getByTestId('cluster-toggle')
    await expect(toggle).toHaveText(/\+2 similar \((AP|BBC News|Reuters), (AP|BBC News|Reuters)\)/)
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')

    // Expand with the mouse: the two other versions are listed under the row.
    await toggle.click()
    const members = page.getByTestId('cluster-member')
    await expect(members).toHaveCount(2)
    await expect(toggle).toHaveAttribute('aria-expanded', 'true')
    await toggle.click()
    await expect(members).toHaveCount(0)

    // And with the keyboard: → expands, ↓ moves onto a member, Enter opens it, ← folds back.
    await win.results.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    await expect(members).toHaveCount(2)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const memberTitle = (await members.first().locator('.result-title').textContent()) ?? ''
    await expect(win.reader.getByRole('heading', { level: 1 })).toHaveText(memberTitle)
    const similar = win.reader.getByTestId('similar-story')
    await expect(similar).toHaveCount(2)
    await page.keyboard.press('ArrowLeft')
    await expect(members).toHaveCount(0)

    // The reader's list links to the other versions.
    const sources = await win.reader.getByTestId('similar-stories').textContent()
    expect(sources).toMatch(/% alike/)
    await similar.first().getByRole('link').click()
    await expect(win.reader.getByTestId('similar-story')).toHaveCount(2)
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText('Time Warner')

    // A distinct story of the same topic is not part of the cluster.
    await win.searchFor('Yukos')
    await expect(win.resultRows).toHaveCount(1)
    await expect(win.resultRows.first().getByTestId('cluster-toggle')).toHaveCount(0)
  })

  test('similar:ID lists the cluster; an unknown id is pointed at', async ({ page, target }) => {
    const win = new ArchiveWindow(page)
    // The distinct story's id, asked of the bridge the window itself uses.
    const reply = await page.evaluate(async (target) => {
      if (target === 'electron') {
        const bridge = (window as unknown as { archive: { search(q: string): Promise<unknown> } })
          .archive
        return bridge.search('Yukos')
      }
      const token = new URLSearchParams(location.search).get('token') ?? ''
      const res = await fetch('/rpc/search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Morgue-Token': token },
        body: JSON.stringify(['Yukos', { limit: 1 }]),
      })
      return res.json()
    }, target)
    const id = (reply as { value: { hits: { id: string }[] } }).value.hits[0].id
    await win.searchFor('similar:0123456789abcdef')
    await expect(page.getByRole('alert')).toContainText('No item with id 0123456789abcdef.')
    await expect(page.getByRole('alert').locator('mark')).toHaveText('0123456789abcdef')
    await win.searchFor(`similar:${id}`)
    await expect(page.getByRole('alert')).toBeHidden()
    await expect(win.resultRows).toHaveCount(1)
    await expect(win.resultRows.first()).toContainText('Yukos')
  })
})
