import { join } from 'node:path'
import { corpusDir, expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

const reutersPhoto = join(corpusDir, 'iptc-images', 'reuters-GM1EA7M13RP01-view.jpg')

test.describe('photos', () => {
  test('an imported wire photo shows its thumbnail, caption and credit, served from the archive', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const report = await importPaths([reutersPhoto])
    expect(report.imported).toBe(1)

    await win.searchFor('anzuoni')
    const hit = page.locator('[data-kind="photo-hit"]').first()
    await expect(hit.getByTestId('credit')).toHaveText('Mario Anzuoni / REUTERS')
    await expect(hit).toContainText('Vin Diesel')
    const thumb = hit.locator('img.result-thumb')
    await expect(thumb).toBeVisible()
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)

    await hit.click()
    const photo = win.reader.getByTestId('reader-photo')
    await expect(photo.getByTestId('reader-credit')).toHaveText('Mario Anzuoni / REUTERS')
    const image = photo.locator('img')
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
  })
})
