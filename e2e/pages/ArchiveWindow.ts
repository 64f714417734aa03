import { expect, type Locator, type Page } from '@playwright/test'

/** The main window as a user sees it: search box, sidebar, results, reader. */
export class ArchiveWindow {
  readonly search: Locator
  readonly results: Locator
  readonly resultRows: Locator
  readonly resultCount: Locator
  readonly reader: Locator
  readonly sidebarTags: Locator
  readonly toast: Locator

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search' })
    this.results = page.getByRole('listbox', { name: 'Results' })
    this.resultRows = page.getByTestId('result')
    this.resultCount = page.getByTestId('result-count')
    this.reader = page.getByTestId('reader')
    this.sidebarTags = page.getByTestId('sidebar-tag')
    this.toast = page.locator('.toast')
  }

  async ready(): Promise<void> {
    await expect(this.page.getByTestId('stats')).toBeVisible()
  }

  async searchFor(query: string): Promise<void> {
    await this.search.fill(query)
  }

  /** Paste text (or one URL) into the paste dialog and import it; returns when the report shows. */
  async pasteImport(text: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Paste…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Paste text or URL' })
    await dialog.getByRole('textbox', { name: 'Text to import' }).fill(text)
    await dialog.getByRole('button', { name: /^(Import text|Fetch and import)$/ }).click()
    const report = this.page.getByTestId('import-report')
    await expect(report).toBeVisible()
    return report
  }

  async closeReport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Done' }).click()
    await expect(this.page.getByTestId('import-report')).toBeHidden()
  }

  tag(name: string): Locator {
    return this.sidebarTags.filter({
      has: this.page.locator('.tag-name', { hasText: new RegExp(`^${name}$`) }),
    })
  }

  /** A node of the sidebar's tag tree by its whole path (`Places/Syria`). */
  treeNode(path: string): Locator {
    return this.page.locator(`[data-testid="sidebar-tag"][data-path="${path}"]`)
  }

  /** Type a tag into the "Add tag" box of `within` (the reader by default) and press Enter. */
  async addTag(tag: string, within: Locator = this.reader): Promise<void> {
    await within.getByRole('combobox', { name: 'Add tag' }).fill(tag)
    await this.page.keyboard.press('Enter')
  }

  async tagAction(name: string, action: string | RegExp): Promise<void> {
    await this.tag(name).hover()
    await this.page.getByRole('button', { name: `Actions for tag ${name}` }).click()
    await this.page.getByRole('menuitem', { name: action }).click()
  }
}
