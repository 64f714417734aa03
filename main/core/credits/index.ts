/**
 * Photo credits: parse a credit line into photographer and agencies, and find a credit at the end
 * of a caption. Vocabulary (agencies, markers, labels) lives in creditData.ts.
 */
export { analyzeCredit, parseCredit } from './parseCredit'
export type { CreditAnalysis, CreditPart, PartKind } from './parseCredit'
export { looksLikeCreditLine, splitCaptionCredit } from './splitCaptionCredit'
export { findKnownAgency } from './agencyLookup'
export { normalizePersonName } from './personName'
