import { useCallback, useEffect, useRef, useState } from 'react'
import type { ImportProgress, ImportReport } from '../../../../main/core/model'
import type { Reply } from '../../../../preload/contract'
import { archive } from '../../api'

/**
 * Files a browser can read and hand to `importText` (it has no paths): plain text and Markdown.
 * `importText` has no file type to go by, so HTML, feeds, JSON and images need a path.
 */
const TEXT_FILE = /\.(txt|text|md|markdown)$/i

function merge(reports: ImportReport[]): ImportReport {
  return {
    imported: reports.reduce((n, r) => n + r.imported, 0),
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    failed: reports.reduce((n, r) => n + r.failed, 0),
    cancelled: reports.some((r) => r.cancelled),
    outcomes: reports.flatMap((r) => r.outcomes),
  }
}

/**
 * The one running import: its progress (from main's events), Cancel, and the end report.
 * `onFailure` gets the reason of an import that could not start.
 */
export function useImport(onFailure: (message: string) => void) {
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)

  useEffect(() => archive.onImportProgress(setProgress), [])

  // Set by Cancel; the browser's file-by-file drop import checks it between files.
  const cancelled = useRef(false)

  const run = useCallback(
    async (start: () => Promise<Reply<ImportReport | null>>) => {
      cancelled.current = false
      setBusy(true)
      setProgress(null)
      try {
        const r = await start()
        if (!r.ok) onFailure(r.reason)
        else if (r.value) setReport(r.value)
      } catch (err) {
        onFailure(err instanceof Error ? err.message : String(err))
      } finally {
        setBusy(false)
        setProgress(null)
      }
    },
    [onFailure],
  )

  const importFiles = useCallback(() => run(() => archive.importFiles()), [run])
  const importText = useCallback(
    (text: string, label?: string) => run(() => archive.importText(text, label)),
    [run],
  )
  const importUrl = useCallback((url: string) => run(() => archive.importUrl(url)), [run])
  const cancel = useCallback(() => {
    cancelled.current = true
    void archive.cancelImport()
  }, [])

  /** Dropped files: by path in the desktop app; read as text in a browser. */
  const importDropped = useCallback(
    (files: File[]) => {
      const paths = files.map((f) => archive.pathForFile(f)).filter(Boolean)
      if (paths.length > 0) return run(() => archive.importPaths(paths))
      return run(async () => {
        const reports: ImportReport[] = []
        for (const [i, file] of files.entries()) {
          if (cancelled.current) {
            return { ok: true, value: { ...merge(reports), cancelled: true } }
          }
          setProgress({ done: i, total: files.length, current: file.name })
          if (!TEXT_FILE.test(file.name)) {
            reports.push({
              imported: 0,
              duplicates: 0,
              failed: 1,
              cancelled: false,
              outcomes: [
                {
                  source: file.name,
                  status: 'failed',
                  ids: [],
                  reason: `${file.name}: in the browser only text and Markdown files can be dropped; import HTML pages, feeds, JSON exports, images and folders with the desktop app or \`morgue import\`.`,
                },
              ],
            })
            continue
          }
          const r = await archive.importText(await file.text(), file.name)
          if (!r.ok) return r
          reports.push(r.value)
        }
        return { ok: true, value: merge(reports) }
      })
    },
    [run],
  )

  return {
    busy,
    progress,
    report,
    closeReport: () => setReport(null),
    importFiles,
    importText,
    importUrl,
    importDropped,
    cancel,
  }
}
