/**
 * The bookmarklet, for browsers without the extension. A news site's page cannot post to
 * Morgue itself (its Origin is refused), so the bookmarklet opens Morgue's relay page on
 * 127.0.0.1 (with the pairing token in its address) and hands it the rendered page by
 * postMessage once the relay says it is ready; the relay posts the capture from its own,
 * accepted origin, shows "Saved: …" or the reason, and tells the page.
 */
export function bookmarkletCode(endpoint: string, token: string): string {
  const code = `(()=>{const E=${JSON.stringify(endpoint)};const w=window.open(E+'/bookmarklet?token=${token}','morgue-save','width=460,height=160');if(!w){alert('Morgue: allow pop-ups on this site to save it.');return}const d={type:'morgue-capture',url:location.href,title:document.title,html:document.documentElement.outerHTML,selection:String(getSelection()||'')};const f=e=>{if(e.source!==w||!e.data)return;if(e.data.type==='morgue-ready')w.postMessage(d,E);else if(e.data.type==='morgue-saved')removeEventListener('message',f)};addEventListener('message',f)})()`
  return `javascript:${encodeURIComponent(code)}`
}

export const RELAY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Save to Morgue</title>
<style>body{font:15px system-ui,sans-serif;margin:24px;color:#1d1d1b;background:#f6f5f2}
@media (prefers-color-scheme: dark){body{color:#e7e5df;background:#16171a}}</style></head>
<body><p id="status" role="status">Waiting for the page…</p><script src="/bookmarklet.js"></script></body></html>
`

export const RELAY_SCRIPT = `(() => {
  const token = new URLSearchParams(location.search).get('token') || ''
  const status = document.getElementById('status')
  const show = (text) => { status.textContent = text; document.title = text }
  let done = false
  window.addEventListener('message', async (e) => {
    const d = e.data
    if (done || !d || d.type !== 'morgue-capture' || e.source !== window.opener) return
    done = true
    show('Saving…')
    let reply
    try {
      const res = await fetch('/capture', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-morgue-token': token },
        body: JSON.stringify({ url: d.url, title: d.title, html: d.html, selection: d.selection }),
      })
      reply = await res.json()
    } catch (err) {
      reply = { ok: false, reason: 'Morgue did not answer: is the app running?' }
    }
    show(reply.ok ? reply.message : 'Not saved: ' + reply.reason)
    if (e.source) e.source.postMessage({ type: 'morgue-saved', ok: reply.ok, message: reply.ok ? reply.message : reply.reason }, '*')
    if (reply.ok) setTimeout(() => window.close(), 3000)
  })
  if (window.opener) window.opener.postMessage({ type: 'morgue-ready' }, '*')
  else show('Open this page with the “Save to Morgue” bookmarklet.')
})()
`
