import type { ItemId } from '../model'
import type { QueryError } from '../search/types'

/**
 * A tagging rule: every item its query matches gets its tags (`agency:afp raqqa` →
 * `Places/Syria/Raqqa`). Enabled rules run on every new or changed item; saving one runs it on
 * the archive. Rules are kept in the archive's settings in their order (`order` = position).
 */
export interface TagRule {
  /** 8 hex characters. */
  id: string
  /** A query of the search language; empty or `*` matches every item. */
  query: string
  /** Tags it adds, display form (an existing tag's spelling wins). */
  tags: string[]
  enabled: boolean
  /** Position in the list, 0 first: earlier rules are applied first and own a tag both add. */
  order: number
  /** ISO 8601. */
  createdAt: string
  updatedAt: string
}

/** What a user types to create or edit a rule. */
export interface RuleInput {
  query: string
  tags: string[]
  enabled?: boolean
}

/** How many items one tag of a rule run adds itself to. */
export interface RuleTagCount {
  tag: string
  items: number
}

/** What running a rule on the archive would do, before it does it. */
export interface RulePreview {
  query: string
  tags: string[]
  /** Items the query matches. */
  matched: number
  /** Items that would get at least one tag (matched, not already tagged, not declined). */
  changes: number
  perTag: RuleTagCount[]
  /** Items in the archive. */
  total: number
  /**
   * The rule would tag every item (empty query, `*`, or a query matching all of them): it
   * runs only when confirmed.
   */
  wholeArchive: boolean
  /** A few of the items that would change, for the user to check. */
  sample: { id: ItemId; title: string }[]
  /** The query's problem, positioned: a rule with an invalid query cannot be saved or run. */
  error?: QueryError
}

/** What one run of a rule on the archive did; `runId` undoes all of it at once. */
export interface RuleRunResult {
  runId: string
  ruleId: string
  /** Items that got at least one tag. */
  changed: number
  perTag: RuleTagCount[]
}

export interface RuleRunOptions {
  /** Run even if the rule would tag every item in the archive. */
  confirmWholeArchive?: boolean
}

export interface SaveRuleOptions extends RuleRunOptions {
  /** Also run it on the archive now (default true). */
  run?: boolean
}

/** The archive's rule calls (part of `Archive`). */
export interface RuleMethods {
  /** Every rule, in order. */
  rules(): TagRule[]
  /** What saving and running this rule would do (`error` for an invalid query). */
  previewRule(input: RuleInput): Promise<RulePreview>
  /**
   * Create (no `id`) or edit a rule and, unless `run: false`, run it on the archive. Refused
   * with the query's positioned error when the query is invalid, and when it would tag the
   * whole archive without `confirmWholeArchive`.
   */
  saveRule(
    input: RuleInput & { id?: string },
    options?: SaveRuleOptions,
  ): Promise<{ rule: TagRule; run?: RuleRunResult }>
  /** Delete a rule; the tags it added stay. Returns it. */
  removeRule(id: string): Promise<TagRule>
  setRuleEnabled(id: string, enabled: boolean): Promise<TagRule>
  /** Move a rule to position `to` (0 first); returns the list in its new order. */
  moveRule(id: string, to: number): Promise<TagRule[]>
  /** Run one rule on the whole archive (disabled ones too: the user asked). */
  runRule(id: string, options?: RuleRunOptions): Promise<RuleRunResult>
  /** Undo one run: the tags it added go, unless changed since. Returns the items changed. */
  undoRuleRun(runId: string): Promise<number>
}
