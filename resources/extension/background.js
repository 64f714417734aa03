// Save to Morgue: the toolbar button and the "Save to Morgue" context-menu item send the page
// as the browser rendered it (so pages behind a login archive as seen), with the selection,
// to the Morgue app on this computer (127.0.0.1, the port and pairing token from its settings).
const api = globalThis.browser ?? globalThis.chrome
const DEFAULT_PORT = 47600

async function settings() {
  const { port, token } = await api.storage.local.get(['port', 'token'])
  return { port: Number(port) || DEFAULT_PORT, token: token || '' }
}

/** Read the rendered page and the selection out of the tab. */
async function pageOf(tabId) {
  const [result] = await api.scripting.executeScript({
    target: { tabId },
    func: () => ({
      url: location.href,
      title: document.title,
      html: document.documentElement.outerHTML,
      selection: String(getSelection() || ''),
    }),
  })
  return result.result
}

/** Show the answer inside the page, where the user is looking. */
async function tell(tabId, ok, message) {
  await api.scripting
    .executeScript({
      target: { tabId },
      args: [ok, message],
      func: (ok, message) => {
        const box = document.createElement('div')
        box.setAttribute('role', 'status')
        box.dataset.morgue = ok ? 'saved' : 'failed'
        box.textContent = message
        box.style.cssText =
          'position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:360px;padding:10px 14px;' +
          'border-radius:6px;font:14px system-ui,sans-serif;color:#fff;box-shadow:0 6px 24px #0005;' +
          (ok ? 'background:#1f6f3f' : 'background:#b42318')
        document.documentElement.appendChild(box)
        setTimeout(() => box.remove(), 5000)
      },
    })
    .catch(() => undefined)
}

/** Send one tab's page to Morgue; resolves with what the user was told. */
async function saveTab(tabId) {
  const { port, token } = await settings()
  if (!token) {
    const message =
      'Morgue: paste the pairing token from Morgue’s settings into this extension’s options.'
    await tell(tabId, false, message)
    return { ok: false, message }
  }
  let reply
  try {
    const page = await pageOf(tabId)
    const res = await fetch(`http://127.0.0.1:${port}/capture`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-morgue-token': token },
      body: JSON.stringify(page),
    })
    reply = await res.json()
  } catch {
    reply = { ok: false, reason: `Morgue did not answer on port ${port}: is the app running?` }
  }
  const message = reply.ok ? reply.message : `Not saved: ${reply.reason}`
  await tell(tabId, !!reply.ok, message)
  api.action.setBadgeText({ tabId, text: reply.ok ? '✓' : '!' }).catch?.(() => undefined)
  return { ok: !!reply.ok, message }
}
globalThis.saveTab = saveTab

api.action.onClicked.addListener((tab) => {
  if (tab.id !== undefined) void saveTab(tab.id)
})

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({
    id: 'save-to-morgue',
    title: 'Save to Morgue',
    contexts: ['page', 'selection', 'link', 'image'],
  })
})
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === 'save-to-morgue' && tab?.id !== undefined) void saveTab(tab.id)
})
