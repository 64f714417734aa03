export { articleToMarkdown, markdownFileName, type MarkdownFile } from './articleToMarkdown'
export { EXPORT_FORMAT, EXPORT_VERSION, type ExportedBlob, type ExportHeader } from './exportFormat'
export { blobRefsOf, exportJson, type ExportJsonOptions, type ExportSummary } from './exportJson'
export { csvRow, PHOTO_CSV_COLUMNS, photosCsv, type PhotosCsvOptions } from './photosCsv'
export { itemToHtml, type ItemHtmlOptions } from './itemToHtml'
export {
  blobFieldsOf,
  exportArchive,
  writeAtomically,
  type ArchiveExportReport,
  type ExportFormatName,
  type SkippedEntry,
} from './exportArchive'
export { mergeSettings, readExportSettings } from './exportSettings'
