import type { ArchiveBridge } from '../../preload/contract'

declare global {
  interface Window {
    /** Set by preload in the desktop app; absent in a browser (see api.ts). */
    archive?: ArchiveBridge
  }
  /**
   * The contract's types reach main/core/archiveApi.ts, whose `readBlob` returns a Node
   * Buffer. The renderer never receives one; this alias only lets the web project type-check
   * without Node's types.
   */
  type Buffer = Uint8Array
}

export {}
