/** Sync, as the app, the CLI and the IPC contract see it. */

/** Where and how this archive syncs (the password is kept apart, see main/syncSecrets). */
export interface SyncSettings {
  /** The server, e.g. `https://couch.example.org` (or with the database in the path). */
  server: string
  /** The desk's database, e.g. `desk-news`. */
  database: string
  user?: string
  /** Keep syncing as changes happen (true) or only when asked. */
  live: boolean
  /** Fetch photos' originals and page snapshots with the items (else on first view). */
  downloadOriginals: boolean
  paused: boolean
}

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'error' | 'paused'

export interface SyncStatus {
  state: SyncState
  /** The server and database, without credentials. */
  remote?: string
  /** While syncing: documents done of those known to go. */
  progress?: { done: number; total: number; phase: 'pull' | 'push' }
  /** Why the last sync failed (offline / error). */
  reason?: string
  lastSync?: { at: string; pulled: number; pushed: number }
  /** Conflicts waiting for a person. */
  conflicts: number
}

/** What one sync run did. */
export interface SyncReport {
  pulled: number
  pushed: number
  deleted: number
  blobs: number
  /** Conflicts found in this run (caption/credit/notes edited on both sides, delete vs edit). */
  conflicts: number
  /** Documents from the server that did not validate: left out, the archive untouched by them. */
  rejected: { id: string; reason: string }[]
}

/** An edit that lost "newest wins", or a delete that gave way to an edit: kept for a person. */
export interface ItemConflict {
  /** Stable id of the conflict (for `morgue conflicts pick`). */
  id: string
  /** The item id, or a photo's ref `ARTICLE/p0`. */
  ref: string
  field: 'caption' | 'credit' | 'notes' | 'deleted'
  /** What the archive shows now. */
  kept: string
  /** The other side's value (for `deleted`: what happened elsewhere). */
  other: string
  /** The other side's value as data, where text is not enough to put it back (a credit). */
  otherData?: unknown
  /** When the conflict was found. */
  at: string
}

export interface SettingConflict {
  id: string
  key: string
  kept: string
  other: string
  at: string
}

/** A conflict as listed: with the title of the item it is on. */
export interface ConflictInfo {
  id: string
  kind: 'item' | 'setting'
  ref: string
  title: string
  field: string
  kept: string
  other: string
  at: string
}

/** What Settings ▸ Sync sends: the settings, and a password when the user typed one. */
export interface SyncSetup extends SyncSettings {
  /** A new password; absent keeps the saved one; '' forgets it. */
  password?: string
}

/** The settings as the UI shows them: never the password, only whether one is kept. */
export interface SyncSettingsView extends SyncSettings {
  hasPassword: boolean
  /** Whether the password survives a restart (Electron's safeStorage) or not (browser target). */
  passwordPersists: boolean
}
