import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../tests/helpers'

// Electron's binary cannot run here: stand in for the few pieces window.ts touches and keep
// what it hands them, so the security settings are checked on the real factory.
const created: {
  options: Record<string, unknown>
  handlers: Map<string, (...a: unknown[]) => void>
}[] = []
let openHandler: ((d: { url: string }) => { action: string }) | null = null
const openExternal = vi.fn(async () => undefined)

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const handlers = new Map<string, (...a: unknown[]) => void>()
      created.push({ options, handlers })
      this.webContents = {
        setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
        on: (name: string, h: (...a: unknown[]) => void) => handlers.set(name, h),
      }
    }
    maximize() {}
    once() {}
    on(name: string, h: (...a: unknown[]) => void) {
      created[created.length - 1]?.handlers.set(`window:${name}`, h)
    }
    getNormalBounds() {
      return { x: 40, y: 60, width: 1234, height: 777 }
    }
    isMaximized() {
      return false
    }
    loadFile() {
      return Promise.resolve()
    }
    loadURL() {
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [] },
    shell: { openExternal },
  }
})

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0
    openExternal.mockClear()
  })

  async function make(userDataDir = '/nonexistent') {
    const { createMainWindow } = await import('./window')
    createMainWindow({
      preload: '/app/preload.js',
      load: { file: '/app/index.html' },
      userDataDir,
    })
    const win = created[0]
    if (!win) throw new Error('no window created')
    return win
  }

  it('isolates the renderer: context isolation, sandbox, no Node, no webview', async () => {
    const { options } = await make()
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      preload: '/app/preload.js',
    })
  })

  it('denies window.open; http(s) links go to the system browser, others nowhere', async () => {
    await make()
    expect(openHandler?.({ url: 'https://example.org/a' })).toEqual({ action: 'deny' })
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
    expect(openExternal).toHaveBeenCalledWith('https://example.org/a')
  })

  it('prevents every navigation of the window', async () => {
    const { handlers } = await make()
    const preventDefault = vi.fn()
    handlers.get('will-navigate')?.({ preventDefault }, 'https://evil.example/')
    handlers.get('will-navigate')?.({ preventDefault }, 'javascript:alert(1)')
    expect(preventDefault).toHaveBeenCalledTimes(2)
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/')
    expect(openExternal).not.toHaveBeenCalledWith('javascript:alert(1)')
    const frame = vi.fn()
    handlers.get('will-frame-navigate')?.({
      preventDefault: frame,
      isMainFrame: false,
      url: 'https://x.example/',
    })
    expect(frame).toHaveBeenCalled()
  })

  it('saves its size and position on close and opens with them next time', async () => {
    const { dir, cleanup } = await tempDir('morgue-window-')
    try {
      const first = await make(dir)
      first.handlers.get('window:close')?.()
      const saved = JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8'))
      expect(saved).toMatchObject({ width: 1234, height: 777, maximized: false })
      created.length = 0
      const second = await make(dir)
      expect(second.options).toMatchObject({ width: 1234, height: 777 })
    } finally {
      await cleanup()
    }
  })
})
