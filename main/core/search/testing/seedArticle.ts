import type { Article, Credit } from '../../model'

/**
 * A seed-like article written for the tests (not the copyrighted seed text): a Raqa photo
 * credited `DELIL SOULEIMAN / AFP` and a quote about "wrong American policies".
 */
export const SEED_CREDIT: Credit = {
  raw: 'DELIL SOULEIMAN / AFP',
  photographer: 'Delil Souleiman',
  agency: 'AFP',
  agencies: ['AFP'],
  agencyIds: ['afp'],
}

/** The queries issue 3 says must find the seed article (both the real one and this stand-in). */
export const SEED_QUERIES = [
  'souleiman',
  'agency:afp',
  'photographer:"delil souleiman"',
  'raqa',
  '"wrong American policies"',
  'Souleïman',
] as const

export function seedLikeArticle(overrides: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id: '0573ed9d5a68091b',
    title: 'Tehran blames attacks on US troops on “wrong American policies”',
    tags: ['Iran', 'Middle East'],
    archivedAt: '2023-11-01T09:00:00.000Z',
    publishedAt: '2023-10-30T12:00:00.000Z',
    contentHash: 'seed',
    source: 'AFP',
    body: [
      'Tehran said on Monday that strikes against American troops in the region followed from ' +
        '“wrong American policies”, pointing at Washington’s support for its allies.',
      'Militias have fired drones at bases in Iraq and Syria for weeks, officials said.',
    ],
    photos: [
      {
        id: 'p0',
        caption:
          'Fighters ride on a pickup truck near the northern Syrian city of Raqa on May 25, 2016.',
        credit: SEED_CREDIT,
      },
    ],
    ...overrides,
  }
}
