import { describe, expect, it } from 'vitest'
import { parseCredit } from '../../main/core/credits'
import { agencyCandidates, agencyLabel } from '../../renderer/src/features/reader/agencyLabels'

describe('the reader’s agency badge', () => {
  it('shows the agency as printed and, where it differs, its canonical name', () => {
    expect(agencyLabel('EPA-EFE', 'EPA')).toBe('EPA-EFE (EPA)')
    expect(agencyLabel('picture alliance', 'dpa')).toBe('picture alliance (dpa)')
    expect(agencyLabel('REUTERS', 'Reuters')).toBe('REUTERS')
    expect(agencyLabel('Quanta Magazine', null)).toBe('Quanta Magazine')
  })

  it('offers to read a name as an agency where the parse may have it wrong', () => {
    const known = ['afp', 'epa', 'getty']
    expect(agencyCandidates(parseCredit('Photo: Jane Doe / Le Pictorium'), known)).toEqual([
      'Jane Doe',
      'Le Pictorium',
    ])
    expect(agencyCandidates(parseCredit('Jane Doe / Fluxbox'), known)).toEqual(['Fluxbox'])
    expect(agencyCandidates(parseCredit('ALEX HOFFORD/EPA-EFE/Shutterstock'), known)).toEqual([])
  })
})
