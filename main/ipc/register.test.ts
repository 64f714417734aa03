import { describe, expect, it, vi } from 'vitest'
import { channel } from '../../preload/contract'
import type { ArchiveApi } from '../../preload/contract'
import { guards } from './guards'

const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, h: (event: unknown, ...args: unknown[]) => unknown) =>
      handlers.set(name, h),
    removeHandler: (name: string) => handlers.delete(name),
  },
}))

describe('registerArchiveIpc', () => {
  it('answers our main frame only, and checks arguments before the handler runs', async () => {
    const { registerArchiveIpc } = await import('./register')
    const mainFrame = { parent: null }
    const webContents = { mainFrame }
    const win = { isDestroyed: () => false, webContents }
    const search = vi.fn(async () => ({ ok: true as const, value: 'ran' }))
    const api = { search } as unknown as ArchiveApi
    const remove = registerArchiveIpc(api, guards, () => win as never)

    const call = handlers.get(channel('search'))
    if (!call) throw new Error('search not registered')
    await expect(call({ sender: webContents, senderFrame: mainFrame }, 'iran')).resolves.toEqual({
      ok: true,
      value: 'ran',
    })
    // The snapshot iframe, or any other webContents, is refused.
    const subFrame = { parent: mainFrame }
    expect(() => call({ sender: webContents, senderFrame: subFrame }, 'iran')).toThrow(
      /not our main frame/,
    )
    expect(() => call({ sender: {}, senderFrame: { parent: null } }, 'iran')).toThrow(
      /not our main frame/,
    )
    // A bad argument never reaches the handler.
    expect(() => call({ sender: webContents, senderFrame: mainFrame }, { $where: 1 })).toThrow(
      /invalid arguments/,
    )
    expect(search).toHaveBeenCalledTimes(1)

    remove()
    expect(handlers.size).toBe(0)
  })
})
