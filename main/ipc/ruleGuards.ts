import { z } from 'zod'
import type { RuleApi } from '../../preload/ruleContract'
import type { ArchiveApi } from '../../preload/contract'

type ArgsGuard = <T extends z.ZodTuple>(
  method: keyof ArchiveApi,
  schema: T,
) => (raw: unknown[]) => z.infer<T>

const ruleId = z.string().regex(/^[0-9a-f]{8}$/)
const runId = z.string().regex(/^[0-9a-f]{12}$/)
const ruleInput = z
  .object({
    query: z.string().max(2000),
    tags: z.array(z.string().min(1).max(1000)).min(1).max(50),
    enabled: z.boolean().optional(),
  })
  .strict()
const runOptions = z.object({ confirmWholeArchive: z.boolean().optional() }).strict()

/** The rule calls' argument checks (with guards.ts's `args`). */
export function ruleGuards(args: ArgsGuard): {
  [M in keyof RuleApi]: (raw: unknown[]) => Parameters<RuleApi[M]>
} {
  return {
    rules: args('rules', z.tuple([])),
    previewRule: args('previewRule', z.tuple([ruleInput])),
    saveRule: args(
      'saveRule',
      z.tuple([
        ruleInput.extend({ id: ruleId.optional() }).strict(),
        runOptions.extend({ run: z.boolean().optional() }).strict().optional(),
      ]),
    ),
    removeRule: args('removeRule', z.tuple([ruleId])),
    setRuleEnabled: args('setRuleEnabled', z.tuple([ruleId, z.boolean()])),
    moveRule: args('moveRule', z.tuple([ruleId, z.number().int().min(0).max(100_000)])),
    runRule: args('runRule', z.tuple([ruleId, runOptions.optional()])),
    undoRuleRun: args('undoRuleRun', z.tuple([runId])),
  }
}
