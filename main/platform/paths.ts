import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's name as Electron uses it for its user-data folder (`app.setName` in main/index.ts). */
export const APP_NAME = 'Morgue'

/**
 * The folder Electron's `app.getPath('userData')` resolves to for Morgue, computed without
 * Electron so the CLI and `npm run serve` find the same archive as the desktop app.
 * Linux: `$XDG_CONFIG_HOME/Morgue` or `~/.config/Morgue`; macOS: `~/Library/Application
 * Support/Morgue`; Windows: `%APPDATA%\Morgue`.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/**
 * The archive folder every entry point opens by default: `MORGUE_ARCHIVE_DIR` when set, else
 * `<userData>/archive` (e.g. `~/.config/Morgue/archive` on Linux).
 */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MORGUE_ARCHIVE_DIR || join(userDataDir(process.platform, env), 'archive')
}
