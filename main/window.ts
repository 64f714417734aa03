import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, screen, shell } from 'electron'

/** Where the window's size and position are kept between runs (in userData, not the archive). */
const STATE_FILE = 'window-state.json'

interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

const DEFAULT_STATE: WindowState = { width: 1400, height: 900 }

function loadState(userDataDir: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(join(userDataDir, STATE_FILE), 'utf8')) as WindowState
    if (!(raw.width >= 400 && raw.height >= 300)) return DEFAULT_STATE
    // A window saved on a monitor that is gone would open off screen: keep only its size then.
    const visible =
      raw.x === undefined ||
      raw.y === undefined ||
      screen.getAllDisplays().some(({ workArea: a }) => {
        const x = raw.x as number
        const y = raw.y as number
        return (
          x < a.x + a.width - 50 &&
          x + raw.width > a.x + 50 &&
          y >= a.y - 10 &&
          y < a.y + a.height - 50
        )
      })
    return visible ? raw : { width: raw.width, height: raw.height, maximized: raw.maximized }
  } catch {
    return DEFAULT_STATE
  }
}

function saveState(userDataDir: string, win: BrowserWindow): void {
  const bounds = win.getNormalBounds()
  const state: WindowState = { ...bounds, maximized: win.isMaximized() }
  const file = join(userDataDir, STATE_FILE)
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(state))
    renameSync(`${file}.tmp`, file)
  } catch {
    // Losing the window position is not worth interrupting quit for.
  }
}

/** Whether a URL may leave the app for the system browser. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

export interface CreateWindowOptions {
  preload: string
  /** The renderer: a dev-server URL or the built index.html file. */
  load: { url: string } | { file: string }
  userDataDir: string
}

/**
 * The one BrowserWindow factory: sandboxed, isolated, no Node; no popups and no navigation
 * (http(s) links go to the system browser); size and position restored and saved.
 */
export function createMainWindow(options: CreateWindowOptions): BrowserWindow {
  const state = loadState(options.userDataDir)
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Morgue',
    backgroundColor: '#1d1f23',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: true,
    },
  })
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (isExternalHttpUrl(url)) void shell.openExternal(url)
  })
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // Frames (the snapshot iframe) never navigate anywhere either.
  win.webContents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && event.url !== 'about:srcdoc') event.preventDefault()
  })
  win.on('close', () => saveState(options.userDataDir, win))

  if ('url' in options.load) void win.loadURL(options.load.url)
  else void win.loadFile(options.load.file)
  return win
}
