import type { Archive } from '../core/archiveApi'
import type { Reply } from '../../preload/contract'
import type { RuleApi } from '../../preload/ruleContract'

/** The rule calls (arguments already checked by the guards). */
export function ruleHandlers(
  archive: Archive,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
): RuleApi {
  return {
    rules: () => reply(() => archive.rules()),
    previewRule: (input) => reply(() => archive.previewRule(input)),
    saveRule: (input, options) => reply(() => archive.saveRule(input, options)),
    removeRule: (id) => reply(() => archive.removeRule(id)),
    setRuleEnabled: (id, enabled) => reply(() => archive.setRuleEnabled(id, enabled)),
    moveRule: (id, to) => reply(() => archive.moveRule(id, to)),
    runRule: (id, options) => reply(() => archive.runRule(id, options)),
    undoRuleRun: (runId) => reply(() => archive.undoRuleRun(runId)),
  }
}
