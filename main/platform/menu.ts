import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../preload/contract'

/**
 * The application menu. Import… and Paste… send a command to the window, which runs them
 * through the same bridge calls as its own buttons (so progress and the report show there).
 */
export function buildAppMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => send('import-files') },
        {
          label: 'Paste Text or URL…',
          accelerator: 'CmdOrCtrl+Shift+V',
          click: () => send('paste'),
        },
        { type: 'separator' },
        { label: 'Find', accelerator: 'CmdOrCtrl+F', click: () => send('find') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
