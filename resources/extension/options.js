const api = globalThis.browser ?? globalThis.chrome
const token = document.getElementById('token')
const port = document.getElementById('port')
api.storage.local.get(['token', 'port']).then((s) => {
  token.value = s.token || ''
  port.value = s.port || ''
})
document.getElementById('save').addEventListener('click', async () => {
  await api.storage.local.set({ token: token.value.trim(), port: Number(port.value) || 47600 })
  document.getElementById('status').textContent = 'Saved.'
})
