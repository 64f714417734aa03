import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { safeStorage } from 'electron'
import { memorySecretStore, type SecretStore } from './core/sync/secretStore'

/**
 * The sync password, encrypted with Electron's `safeStorage` (a key the OS keychain holds:
 * Keychain on macOS, DPAPI on Windows, the Secret Service / kwallet on Linux) in the archive's
 * `sync/secret.bin`. Where the OS offers no encryption the password is kept in memory for the
 * session only, never written in the clear.
 */
export function safeStorageSecrets(archiveDir: string): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) return memorySecretStore()
  const file = join(archiveDir, 'sync', 'secret.bin')
  return {
    persistent: true,
    async get() {
      try {
        return safeStorage.decryptString(await readFile(file))
      } catch {
        return undefined
      }
    },
    async set(secret) {
      if (secret === null) {
        await rm(file, { force: true })
        return
      }
      await mkdir(join(archiveDir, 'sync'), { recursive: true })
      await writeFile(file, safeStorage.encryptString(secret), { mode: 0o600 })
    },
  }
}
