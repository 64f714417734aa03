import {
  events,
  methods,
  type ArchiveApi,
  type ArchiveBridge,
  type EventName,
  type EventPayloads,
} from '../../preload/contract'

/**
 * The bridge over the loopback HTTP transport (`npm run serve`, the Chromium e2e target):
 * each call is `POST /rpc/<method>` with the arguments as a JSON array and the token in a
 * header; events arrive over one EventSource. Same contract as the preload bridge.
 */
export function createHttpBridge(token: string): ArchiveBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let source: EventSource | null = null

  function ensureStream(): void {
    if (source) return
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`)
    for (const name of events) {
      source.addEventListener(name, (e) => {
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data)
        for (const l of listeners.get(name) ?? []) l(payload)
      })
    }
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
    ensureStream()
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    const l = listener as (payload: unknown) => void
    set.add(l)
    return () => {
      set.delete(l)
    }
  }

  async function call(method: keyof ArchiveApi, args: unknown[]): Promise<unknown> {
    // Trailing undefined arguments become null in JSON; the guards expect them absent.
    while (args.length > 0 && args[args.length - 1] === undefined) args = args.slice(0, -1)
    const res = await fetch(`/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Morgue-Token': token },
      body: JSON.stringify(args),
    })
    const body = (await res.json()) as unknown
    if (!res.ok) {
      const message = (body as { error?: string } | null)?.error ?? `HTTP ${res.status}`
      throw new Error(`${method}: ${message}`)
    }
    return body
  }

  const calls = Object.fromEntries(
    methods.map((m) => [m, (...args: unknown[]) => call(m, args)]),
  ) as unknown as ArchiveApi

  return {
    ...calls,
    onChanged: (listener) => on('changed', listener),
    onImportProgress: (listener) => on('importProgress', listener),
    onTagProgress: (listener) => on('tagProgress', listener),
    onMenuCommand: (listener) => on('menuCommand', listener),
    onSyncStatus: (listener) => on('syncStatus', listener),
    pathForFile: () => '',
    transport: 'http',
  }
}
