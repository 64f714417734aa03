import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

const story = (title: string, caption: string, credit: string) =>
  [title, '', 'Unions marched through the capital on Thursday.', '', caption, '', credit, ''].join(
    '\n',
  )

test.describe('agency table', () => {
  test('the reader shows the agency as printed and canonical, and learns a new agency', async ({
    page,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await win.pasteImport(
      story(
        'Harbour strike',
        'Dockers block the gate.',
        'Photo: ALEX HOFFORD/EPA-EFE/Shutterstock',
      ),
    )
    await win.closeReport()
    await win.pasteImport(
      story(
        'Strike in Paris',
        'Protesters on the Place de la République.',
        'Photo: Jane Doe / Le Pictorium',
      ),
    )
    await win.closeReport()

    // A known agency: as printed, with its canonical name.
    await win.searchFor('dockers')
    await expect(win.resultRows.first()).toContainText('Harbour strike')
    await win.resultRows.first().click()
    const epa = win.reader.getByTestId('reader-photo')
    await expect(epa.getByTestId('reader-credit')).toHaveText('Alex Hofford / EPA-EFE')
    await expect(epa.getByTestId('agency-name')).toHaveText('EPA-EFE (EPA)')
    await expect(epa.getByTestId('read-as-agency')).toHaveCount(0)

    // An agency the parser does not know is read as a second photographer until taught.
    await win.searchFor('protesters')
    await expect(win.resultRows.first()).toContainText('Strike in Paris')
    await win.resultRows.first().click()
    const photo = win.reader.getByTestId('reader-photo')
    await expect(photo.getByTestId('reader-credit')).toHaveText('Jane Doe; Le Pictorium')
    const teach = photo.getByRole('button', { name: 'Always read «Le Pictorium» as an agency' })
    await teach.focus()
    await page.keyboard.press('Enter')
    await expect(photo.getByTestId('reader-credit')).toHaveText('Jane Doe / Le Pictorium')
    await expect(photo.getByTestId('agency-name')).toHaveText('Le Pictorium')
    await expect(photo.getByTestId('read-as-agency')).toHaveCount(0)

    // And search knows it at once.
    await win.searchFor('agency:"le pictorium"')
    await expect(win.resultRows.first()).toContainText('Strike in Paris')
  })
})
