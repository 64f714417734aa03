import { describe, expect, it } from 'vitest'
import { applyPermissionPolicy, guardWebContents } from './webGuards'

describe('Electron web guards', () => {
  it('denies every permission request and check except clipboard writes', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | undefined
    let check: ((wc: unknown, p: string) => boolean) | undefined
    applyPermissionPolicy({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    })
    const granted: Record<string, boolean> = {}
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      request!(null, p, (g) => (granted[p] = g))
      expect(check!(null, p)).toBe(false)
    }
    expect(Object.values(granted)).toEqual([false, false, false, false, false])
    expect(check!(null, 'clipboard-sanitized-write')).toBe(true)
  })

  it('stops navigation and webviews, and denies window.open, for any web contents', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>()
    let open: ((d: { url: string }) => { action: string }) | undefined
    guardWebContents({
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (h) => (open = h),
    })
    for (const event of ['will-navigate', 'will-attach-webview']) {
      let prevented = false
      listeners.get(event)!({ preventDefault: () => (prevented = true) })
      expect(prevented).toBe(true)
    }
    expect(open!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })
})
