/**
 * The tagging rules' part of the IPC contract (see contract.ts, whose `ArchiveApi` extends it).
 * Type imports only.
 */
import type {
  RuleInput,
  RulePreview,
  RuleRunOptions,
  RuleRunResult,
  SaveRuleOptions,
  TagRule,
} from '../main/core/rules/types'
import type { Reply } from './contract'

export type { RuleInput, RulePreview, RuleRunOptions, RuleRunResult, SaveRuleOptions, TagRule }

export interface RuleApi {
  /** Every rule, in order. */
  rules(): Promise<Reply<TagRule[]>>
  /** What saving the rule would do ("adds Places/Syria/Raqqa to 214 items"), or its query error. */
  previewRule(input: RuleInput): Promise<Reply<RulePreview>>
  /** Create (no id) or edit a rule, and run it on the archive unless `run: false`. */
  saveRule(
    input: RuleInput & { id?: string },
    options?: SaveRuleOptions,
  ): Promise<Reply<{ rule: TagRule; run?: RuleRunResult }>>
  removeRule(id: string): Promise<Reply<TagRule>>
  setRuleEnabled(id: string, enabled: boolean): Promise<Reply<TagRule>>
  /** Move a rule to position `to` (0 first); returns the new order. */
  moveRule(id: string, to: number): Promise<Reply<TagRule[]>>
  runRule(id: string, options?: RuleRunOptions): Promise<Reply<RuleRunResult>>
  /** Undo a whole run; returns the items changed back. */
  undoRuleRun(runId: string): Promise<Reply<number>>
}

/** A Record, so a new RuleApi method does not compile until it is listed. */
export const ruleMethodsListed: Record<keyof RuleApi, true> = {
  rules: true,
  previewRule: true,
  saveRule: true,
  removeRule: true,
  setRuleEnabled: true,
  moveRule: true,
  runRule: true,
  undoRuleRun: true,
}
