import { randomBytes } from 'node:crypto'
import type { ArchiveItem, ItemId, ItemSummary } from '../model'
import type { SearchEngine } from '../search/types'
import type { ItemStore, TagEdit } from '../storage/itemStore'
import { tagKey } from '../tags'
import { describeQueryError, matchesEverything, ruleQueryError } from './ruleQuery'
import { readRules, writeRules } from './ruleStore'
import {
  reconcileRuleTags,
  tagsToAdd,
  withoutRunTags,
  tagEditOf,
  withRuleTags,
  type RuleTag,
} from './ruleTagging'
import type {
  RuleInput,
  RuleMethods,
  RulePreview,
  RuleRunOptions,
  RuleRunResult,
  RuleTagCount,
  TagRule,
} from './types'

export interface RuleServiceDeps {
  store: Pick<ItemStore, 'settings' | 'updateSettings' | 'summaries' | 'summary'>
  search: Pick<SearchEngine, 'matchAll' | 'matchItems'>
  /**
   * Write new item-level tags (durable and searchable when it resolves) without running the
   * rules again: a run reads and writes summaries only, never bodies.
   */
  saveTagEdits: (edits: TagEdit[]) => Promise<void>
  /** A tag's display form (an existing tag's spelling wins); throws for an invalid tag. */
  displayTag: (tag: string) => string
  now: () => Date
  /** The rule list changed (the UI refetches). */
  changed: () => void
  fail: (message: string) => never
}

/** The rules of an archive: the calls of `RuleMethods`, and `prepare` for every save. */
export interface RuleService extends RuleMethods {
  /**
   * Run before items are written: provenance is brought in line with the tags (a rule tag the
   * user removed is declined), then every enabled rule adds its tags to the items it matches.
   */
  prepare(items: ArchiveItem[]): Promise<ArchiveItem[]>
}

/**
 * Items written per save during a run. A run writes summaries only (a few hundred bytes an
 * item) and each save's index update walks the postings of the segments holding its items,
 * so batches are large: memory stays small either way.
 */
const RUN_BATCH = 100_000
/** Runs remembered for undo (this session). */
const UNDO_RUNS = 20
const SAMPLE = 5

interface RunRecord {
  ruleId: string
  /** Item → keys of the tags this run added to it. */
  added: Map<ItemId, string[]>
}

export function createRuleService(deps: RuleServiceDeps): RuleService {
  const { store, search } = deps
  const runs = new Map<string, RunRecord>()

  const list = (): TagRule[] => readRules(store.settings())

  function mustFind(id: string): TagRule {
    const rule = list().find((r) => r.id === id)
    if (!rule) return deps.fail(`No rule with id ${id}.`)
    return rule
  }

  /** The rule's query, checked, and its tags in display form; refused with a clear sentence. */
  function clean(input: RuleInput): { query: string; tags: string[] } {
    const query = input.query.trim()
    if (query.length > 2000) deps.fail('A rule query can have at most 2,000 characters.')
    const error = ruleQueryError(query)
    if (error) deps.fail(describeQueryError(query, error))
    const tags: string[] = []
    for (const t of input.tags) {
      const tag = deps.displayTag(t)
      if (!tags.some((x) => tagKey(x) === tagKey(tag))) tags.push(tag)
    }
    if (tags.length === 0) deps.fail('A rule needs at least one tag to add.')
    if (tags.length > 50) deps.fail('A rule can add at most 50 tags.')
    return { query, tags }
  }

  const ruleTags = (tags: readonly string[], ruleId: string): RuleTag[] =>
    tags.map((tag) => ({ tag, key: tagKey(tag), ruleId }))

  /** Ids of the items the query matches on the whole archive. */
  async function matching(query: string): Promise<ItemId[]> {
    if (matchesEverything(query)) return [...store.summaries()].map((s) => s.id)
    const found = await search.matchAll(query)
    if (found.error) return deps.fail(describeQueryError(query, found.error))
    return found.ids
  }

  interface Plan {
    preview: RulePreview
    /** Item → the tags it gets. */
    changes: Map<ItemId, RuleTag[]>
  }

  async function plan(query: string, tags: readonly string[], ruleId: string): Promise<Plan> {
    const ids = await matching(query)
    const adds = ruleTags(tags, ruleId)
    const changes = new Map<ItemId, RuleTag[]>()
    const perTag = new Map(tags.map((t) => [tagKey(t), 0]))
    const sample: RulePreview['sample'] = []
    let matched = 0
    for (const id of ids) {
      const summary: ItemSummary | undefined = store.summary(id)
      if (!summary) continue
      matched++
      const fresh = tagsToAdd(summary, adds)
      if (fresh.length === 0) continue
      changes.set(id, fresh)
      for (const a of fresh) perTag.set(a.key, (perTag.get(a.key) ?? 0) + 1)
      if (sample.length < SAMPLE) sample.push({ id, title: summary.title })
    }
    let total = 0
    for (const _ of store.summaries()) total++
    const preview: RulePreview = {
      query,
      tags: [...tags],
      matched,
      changes: changes.size,
      perTag: tags.map((tag) => ({ tag, items: perTag.get(tagKey(tag)) ?? 0 })),
      total,
      wholeArchive: matchesEverything(query) || (total > 0 && matched === total),
      sample,
    }
    return { preview, changes }
  }

  function guard(preview: RulePreview, options: RuleRunOptions): void {
    if (preview.wholeArchive && !options.confirmWholeArchive) {
      const tags = preview.tags.map((t) => `“${t}”`).join(', ')
      deps.fail(
        `This rule matches every item in the archive (${preview.total.toLocaleString('en')}): ` +
          `it would add ${tags} to all of them. Confirm to go on.`,
      )
    }
  }

  /** Apply a plan: the items get their tags in batches; one run record undoes it all. */
  async function apply(
    ruleId: string,
    tags: readonly string[],
    changes: Map<ItemId, RuleTag[]>,
  ): Promise<RuleRunResult> {
    const runId = randomBytes(6).toString('hex')
    const added = new Map<ItemId, string[]>()
    const perTag = new Map<string, RuleTagCount>()
    // In id order: a batch then rewrites a few shards (ids are spread over them by prefix).
    const ids = [...changes.keys()].sort()
    for (let at = 0; at < ids.length; at += RUN_BATCH) {
      const next: TagEdit[] = []
      for (const id of ids.slice(at, at + RUN_BATCH)) {
        const summary = store.summary(id)
        if (!summary) continue
        const fresh = tagsToAdd(summary, changes.get(id) ?? [])
        if (fresh.length === 0) continue
        next.push(tagEditOf(id, withRuleTags(summary, fresh)))
        added.set(
          id,
          fresh.map((a) => a.key),
        )
        for (const a of fresh) {
          const count = perTag.get(a.key) ?? { tag: a.tag, items: 0 }
          count.items++
          perTag.set(a.key, count)
        }
      }
      await deps.saveTagEdits(next)
    }
    runs.set(runId, { ruleId, added })
    while (runs.size > UNDO_RUNS) runs.delete(runs.keys().next().value as string)
    // In the rule's own order, whatever item came first.
    const counts = tags.flatMap((t) => perTag.get(tagKey(t)) ?? [])
    return { runId, ruleId, changed: added.size, perTag: counts }
  }

  async function run(rule: TagRule, options: RuleRunOptions): Promise<RuleRunResult> {
    const { preview, changes } = await plan(rule.query, rule.tags, rule.id)
    guard(preview, options)
    return apply(rule.id, rule.tags, changes)
  }

  async function update(mutate: (rules: TagRule[]) => TagRule[]): Promise<TagRule[]> {
    let next: TagRule[] = []
    await store.updateSettings((s) => {
      next = mutate(readRules(s))
      writeRules(s, next)
    })
    deps.changed()
    return list()
  }

  return {
    rules: list,

    async previewRule(input) {
      const query = input.query.trim()
      const error = ruleQueryError(query)
      if (error) {
        return {
          query,
          tags: [...input.tags],
          matched: 0,
          changes: 0,
          perTag: [],
          total: 0,
          wholeArchive: false,
          sample: [],
          error,
        }
      }
      const { tags } = clean(input)
      return (await plan(query, tags, '')).preview
    },

    async saveRule(input, options = {}) {
      const { query, tags } = clean(input)
      const existing = input.id ? mustFind(input.id) : undefined
      const shouldRun = options.run !== false && (input.enabled ?? existing?.enabled ?? true)
      // A rule that would tag everything is confirmed before it is even kept: it would also
      // tag every item imported from now on.
      const planned = await plan(query, tags, existing?.id ?? '')
      guard(planned.preview, options)
      const stamp = deps.now().toISOString()
      const rule: TagRule = existing
        ? { ...existing, query, tags, enabled: input.enabled ?? existing.enabled, updatedAt: stamp }
        : {
            id: newRuleId(list()),
            query,
            tags,
            enabled: input.enabled ?? true,
            order: list().length,
            createdAt: stamp,
            updatedAt: stamp,
          }
      const saved = (
        await update((rules) =>
          existing ? rules.map((r) => (r.id === rule.id ? rule : r)) : [...rules, rule],
        )
      ).find((r) => r.id === rule.id)!
      if (!shouldRun) return { rule: saved }
      return { rule: saved, run: await run(saved, { confirmWholeArchive: true }) }
    },

    async removeRule(id) {
      const rule = mustFind(id)
      await update((rules) => rules.filter((r) => r.id !== id))
      return rule
    },

    async setRuleEnabled(id, enabled) {
      mustFind(id)
      const rules = await update((all) =>
        all.map((r) => (r.id === id ? { ...r, enabled, updatedAt: deps.now().toISOString() } : r)),
      )
      return rules.find((r) => r.id === id)!
    },

    async moveRule(id, to) {
      mustFind(id)
      if (!Number.isInteger(to)) deps.fail('A rule position is a whole number.')
      return update((rules) => {
        const from = rules.findIndex((r) => r.id === id)
        const next = [...rules]
        const [rule] = next.splice(from, 1)
        next.splice(Math.max(0, Math.min(next.length, to)), 0, rule)
        return next
      })
    },

    async runRule(id, options = {}) {
      return run(mustFind(id), options)
    },

    async undoRuleRun(runId) {
      const record = runs.get(runId)
      if (!record) return deps.fail('That rule run can no longer be undone.')
      const ids = [...record.added.keys()].sort()
      let changed = 0
      for (let at = 0; at < ids.length; at += RUN_BATCH) {
        const next: TagEdit[] = []
        for (const id of ids.slice(at, at + RUN_BATCH)) {
          const summary = store.summary(id)
          const undone =
            summary && withoutRunTags(summary, record.added.get(id) ?? [], record.ruleId)
          if (undone) next.push(tagEditOf(id, undone))
        }
        await deps.saveTagEdits(next)
        changed += next.length
      }
      runs.delete(runId)
      return changed
    },

    async prepare(items) {
      const reconciled = items.map(reconcileRuleTags)
      const enabled = list().filter((r) => r.enabled)
      if (enabled.length === 0 || reconciled.length === 0) return reconciled
      const everything = enabled.filter((r) => matchesEverything(r.query))
      const queried = enabled.filter((r) => !matchesEverything(r.query))
      const matched = await search.matchItems(
        queried.map((r) => r.query),
        reconciled,
      )
      const hits = new Map<TagRule, Set<ItemId>>()
      queried.forEach((r, i) => hits.set(r, new Set(matched[i])))
      return reconciled.map((item) => {
        const adds: RuleTag[] = []
        for (const rule of enabled) {
          if (everything.includes(rule) || hits.get(rule)?.has(item.id))
            adds.push(...ruleTags(rule.tags, rule.id))
        }
        return withRuleTags(item, adds)
      })
    },
  }
}

function newRuleId(existing: readonly TagRule[]): string {
  for (;;) {
    const id = randomBytes(4).toString('hex')
    if (!existing.some((r) => r.id === id)) return id
  }
}
