import { randomBytes } from 'node:crypto'
import type { ItemId } from './model'

/** A new item id: 16 lower-case hex characters. */
export function newItemId(): ItemId {
  return randomBytes(8).toString('hex')
}

/** Whether a string has the shape of an item id (for validating input from the UI and CLI). */
export function isItemId(value: unknown): value is ItemId {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value)
}
