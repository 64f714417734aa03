// Electron-wide guards: no permission is granted to web content, and no web contents (window,
// frame, webview) may navigate away, open windows or attach a webview. Types are structural so
// the policy can be tested without Electron.

/** The one permission the app uses: writing text to the clipboard (copy). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export function allowPermission(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission)
}

interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void
}

/** Deny every permission request and check (camera, geolocation, notifications…) but copy. */
export function applyPermissionPolicy(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(allowPermission(permission)),
  )
  session.setPermissionCheckHandler((_wc, permission) => allowPermission(permission))
}

interface PreventableEvent {
  preventDefault(): void
}
interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-attach-webview',
    listener: (event: PreventableEvent) => void,
  ): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * For `app.on('web-contents-created')`: every web contents, including ones the main window
 * factory never saw, is denied navigation, new windows and webviews. The main window adds its
 * own handlers (links to the system browser) on top.
 */
export function guardWebContents(contents: WebContentsLike): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
