// The desktop app's lifecycle only: one instance, data dir → open the archive → window → IPC.
import { join } from 'node:path'
import { app, dialog, Menu, protocol, session, shell, type BrowserWindow } from 'electron'
import { startBackupSchedule, type BackupSchedule } from './core/backup/backupSchedule'
import { tryStartCaptureServer } from './capture/captureServer'
import { startFeedScheduler } from './core/feeds/feedScheduler'
import { SyncController } from './core/sync/syncController'
import { safeStorageSecrets } from './syncSecrets'
import { openArchive } from './core/openArchive'
import type { Archive } from './core/archiveApi'
import { guards } from './ipc/guards'
import { createHandlers, forwardChanges } from './ipc/handlers'
import { registerArchiveIpc } from './ipc/register'
import { MEDIA_HEADERS } from './platform/media'
import { readMediaOrFetch } from './platform/syncedMedia'
import { APP_NAME } from './platform/paths'
import { applyPermissionPolicy, guardWebContents } from './platform/webGuards'
import { buildAppMenu } from './platform/menu'
import { createMainWindow, isExternalHttpUrl } from './window'
import { channel, MEDIA_SCHEME, type EventName, type EventPayloads } from '../preload/contract'

app.setName(APP_NAME)
// Tests (and portable setups) keep the window state and the default archive out of ~/.config.
if (process.env.MORGUE_USER_DATA_DIR) app.setPath('userData', process.env.MORGUE_USER_DATA_DIR)

// Must happen before `ready`: media URLs behave like a secure standard origin for <img>/fetch.
protocol.registerSchemesAsPrivileged([
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let win: BrowserWindow | null = null
let archive: Archive | null = null
let backups: BackupSchedule | null = null
let sync: SyncController | null = null

function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel(event), payload)
}

/** Serve `morgue-media://blob/<sha256>` from inside the archive's blobs folder, nothing else. */
function registerMediaProtocol(open: Archive): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url)
    const sha = url.host === 'blob' ? url.pathname.replace(/^\//, '') : ''
    const media = await readMediaOrFetch(open, sha, sync)
    if (!media) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(media.bytes), {
      headers: { 'Content-Type': media.mime, ...MEDIA_HEADERS },
    })
  })
}

async function start(): Promise<void> {
  applyPermissionPolicy(session.defaultSession)
  const dir = process.env.MORGUE_ARCHIVE_DIR ?? join(app.getPath('userData'), 'archive')
  try {
    archive = await openArchive(dir)
  } catch (err) {
    dialog.showErrorBox(
      'Morgue could not open the archive',
      err instanceof Error ? err.message : String(err),
    )
    app.exit(1)
    return
  }
  const open = archive
  registerMediaProtocol(open)

  const capture = await tryStartCaptureServer(open)
  sync = await SyncController.start(open, safeStorageSecrets(open.dir))
  sync.onStatus((s) => emit('syncStatus', s))
  const api = createHandlers(open, {
    emit,
    capture,
    sync,
    pickFiles: async () => {
      const options: Electron.OpenDialogOptions = {
        title: 'Import into Morgue',
        properties: ['openFile', 'openDirectory', 'multiSelections'],
      }
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : result.filePaths
    },
    openExternal: async (url) => {
      if (isExternalHttpUrl(url)) await shell.openExternal(url)
    },
  })
  registerArchiveIpc(api, guards, () => win)
  forwardChanges(open, { emit })
  backups = startBackupSchedule(open, {
    onError: (err) => console.error(`Morgue: automatic backup failed: ${String(err)}`),
  })
  startFeedScheduler(open, { onError: (err) => console.error('Feed refresh failed:', err) })
  Menu.setApplicationMenu(buildAppMenu((command) => emit('menuCommand', command)))

  win = createMainWindow({
    preload: join(__dirname, '../preload/index.js'),
    load: process.env.ELECTRON_RENDERER_URL
      ? { url: process.env.ELECTRON_RENDERER_URL }
      : { file: join(__dirname, '../renderer/index.html') },
    userDataDir: app.getPath('userData'),
  })
  win.on('closed', () => {
    win = null
  })
}

if (!app.requestSingleInstanceLock()) {
  // Another Morgue already has the archive (one writer): hand over to it and leave.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    if (!archive) return
    backups?.stop()
    event.preventDefault()
    const closing = archive
    archive = null
    const stopping = sync
    sync = null
    void (stopping?.close() ?? Promise.resolve())
      .then(() => closing.close())
      .finally(() => app.quit())
  })
  void app.whenReady().then(start)
}
