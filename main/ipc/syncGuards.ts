import { z } from 'zod'
import type { ArchiveApi } from '../../preload/contract'

type Args = <T extends z.ZodTuple>(
  method: keyof ArchiveApi,
  schema: T,
) => (raw: unknown[]) => z.infer<T>

const server = z
  .string()
  .min(1)
  .max(2000)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u), 'must start with http:// or https://')

const setup = z
  .object({
    server,
    database: z
      .string()
      .min(1)
      .max(238)
      .regex(
        /^[a-z][a-z0-9_$()+/-]*$/,
        'lower-case letters, digits and _$()+-/, starting with a letter',
      ),
    user: z.string().max(200).optional(),
    password: z.string().max(1000).optional(),
    live: z.boolean(),
    downloadOriginals: z.boolean(),
    paused: z.boolean(),
  })
  .strict()

/** The guards of Settings ▸ Sync and the Conflicts list (see guards.ts). */
export function syncGuards(args: Args) {
  return {
    syncSettings: args('syncSettings', z.tuple([])),
    setSyncSettings: args('setSyncSettings', z.tuple([setup])),
    disconnectSync: args('disconnectSync', z.tuple([])),
    syncStatus: args('syncStatus', z.tuple([])),
    syncNow: args('syncNow', z.tuple([])),
    pauseSync: args('pauseSync', z.tuple([z.boolean()])),
    syncConflicts: args('syncConflicts', z.tuple([])),
    pickSyncConflict: args(
      'pickSyncConflict',
      z.tuple([z.string().regex(/^[0-9a-f]{1,40}$/), z.enum(['kept', 'other'])]),
    ),
  }
}
