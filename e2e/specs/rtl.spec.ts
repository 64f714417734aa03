import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

// An Arabic story whose lines start with Latin names (the outlet, an agency) still reads right
// to left: `dir` comes from the text, not from its first letter.
const ARABIC = [
  'BBC: قوات سوريا الديمقراطية تدخل مدينة الرقة',
  '',
  'AFP - دخلت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة مدينة الرقة من الجهة الشرقية صباح الثلاثاء، بحسب متحدث باسمها.',
  '',
  'وقال المتحدث إن المعركة ستكون طويلة، وإن المدنيين ما زالوا محاصرين في الأحياء القديمة من المدينة.',
].join('\n')
const HEBREW = [
  'Reuters: הכוחות נכנסו לעיר מן המזרח',
  '',
  'הכוחות נכנסו לעיר בבוקר יום שלישי, כך מסר דובר, והקרב צפוי להיות ארוך.',
].join('\n')

test('Arabic and Hebrew articles read right to left in the results and the reader', async ({
  page,
  importPaths,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'morgue-rtl-'))
  try {
    await writeFile(join(dir, 'raqa-ar.txt'), ARABIC)
    await writeFile(join(dir, 'hebrew.txt'), HEBREW)
    await writeFile(
      join(dir, 'english.txt'),
      'BBC: Forces enter Raqa\n\nThe forces entered الرقة on Tuesday morning from the east.',
    )
    const win = new ArchiveWindow(page)
    await win.ready()
    const report = await importPaths([
      join(dir, 'raqa-ar.txt'),
      join(dir, 'hebrew.txt'),
      join(dir, 'english.txt'),
    ])
    expect(report.imported).toBe(3)

    const direction = (el: import('@playwright/test').Locator) =>
      el.evaluate((e) => getComputedStyle(e).direction)

    await win.searchFor('الرقة')
    const arabicRow = win.resultRows.filter({ hasText: 'قوات سوريا' })
    const englishRow = win.resultRows.filter({ hasText: 'Forces enter Raqa' })
    await expect(arabicRow.locator('.result-title')).toHaveAttribute('dir', 'rtl')
    expect(await direction(arabicRow.locator('.result-title'))).toBe('rtl')
    await expect(englishRow.locator('.result-title')).toHaveAttribute('dir', 'ltr')

    await arabicRow.click()
    await expect(win.reader).toHaveAttribute('dir', 'rtl')
    expect(await direction(win.reader.locator('h1'))).toBe('rtl')
    const paragraphs = win.reader.locator('.reader-body p')
    await expect(paragraphs.first()).toContainText('AFP - دخلت')
    expect(await direction(paragraphs.first())).toBe('rtl')

    await englishRow.click()
    await expect(win.reader.locator('h1')).toHaveText('BBC: Forces enter Raqa')
    await expect(win.reader).toHaveAttribute('dir', 'ltr')

    await win.searchFor('הכוחות')
    await win.resultRows.filter({ hasText: 'הכוחות נכנסו' }).first().click()
    await expect(win.reader).toHaveAttribute('dir', 'rtl')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
