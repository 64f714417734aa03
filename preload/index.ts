// The sandboxed preload: exposes `window.archive` (the contract's bridge) and nothing else:
// no raw ipcRenderer, no process.env, no Node.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import {
  channel,
  methods,
  type ArchiveBridge,
  type EventName,
  type EventPayloads,
} from './contract'

const calls = Object.fromEntries(
  methods.map((m) => [m, (...args: unknown[]) => ipcRenderer.invoke(channel(m), ...args)]),
)

/** Subscribe to one event; the returned function removes exactly this listener. */
function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
  const relay = (_e: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload)
  ipcRenderer.on(channel(event), relay)
  return () => {
    ipcRenderer.off(channel(event), relay)
  }
}

const bridge = {
  ...calls,
  onChanged: (listener) => on('changed', listener),
  onImportProgress: (listener) => on('importProgress', listener),
  onTagProgress: (listener) => on('tagProgress', listener),
  onMenuCommand: (listener) => on('menuCommand', listener),
  onSyncStatus: (listener) => on('syncStatus', listener),
  pathForFile: (file) => webUtils.getPathForFile(file),
  transport: 'ipc',
} as ArchiveBridge

contextBridge.exposeInMainWorld('archive', bridge)
