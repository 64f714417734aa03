/**
 * Where the sync password is kept. The desktop app keeps it encrypted with Electron's
 * `safeStorage` (main/syncSecrets.ts: the OS keychain's key); the browser target and tests
 * keep it in memory for the session only (it is asked for again after a restart).
 */
export interface SecretStore {
  /** Whether secrets survive a restart of the app. */
  readonly persistent: boolean
  get(): Promise<string | undefined>
  /** `null` forgets the secret. */
  set(secret: string | null): Promise<void>
}

export function memorySecretStore(): SecretStore {
  let secret: string | undefined
  return {
    persistent: false,
    get: () => Promise.resolve(secret),
    set(next) {
      secret = next ?? undefined
      return Promise.resolve()
    },
  }
}
