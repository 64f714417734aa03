import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { channel, methods, type ArchiveApi } from '../../preload/contract'
import type { Guards } from './guards'

/**
 * Whether an IPC call comes from our window's main frame: not from a subframe (the archived-HTML
 * snapshot lives in an iframe), not from another webContents.
 */
export function isOurMainFrame(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  return (
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    event.senderFrame !== null &&
    event.senderFrame.parent === null &&
    event.senderFrame === win.webContents.mainFrame
  )
}

/**
 * The only place `ipcMain.handle` is called: for every contract method, check the sender, run
 * the guard, then the handler. Returns a function that removes the handlers.
 */
export function registerArchiveIpc(
  api: ArchiveApi,
  guards: Guards,
  getWindow: () => BrowserWindow | null,
): () => void {
  for (const m of methods) {
    ipcMain.handle(channel(m), (event, ...raw: unknown[]) => {
      const win = getWindow()
      if (!win || !isOurMainFrame(event, win)) throw new Error(`${m}: refused, not our main frame`)
      const args = guards[m](raw)
      return Reflect.apply(api[m] as (...a: unknown[]) => unknown, api, args)
    })
  }
  return () => {
    for (const m of methods) ipcMain.removeHandler(channel(m))
  }
}
