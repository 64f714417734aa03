import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedFile, tempDir } from '../../tests/helpers'
import type { Archive } from '../core/archiveApi'
import { openArchive } from '../core/openArchive'
import type { ArchiveApi, EventName } from '../../preload/contract'
import { createHandlers, forwardChanges, refuseDroppedPath } from './handlers'

describe('bridge handlers over a real archive', () => {
  let archive: Archive
  let api: ArchiveApi
  let events: { event: EventName; payload: unknown }[]
  let cleanup: () => Promise<void>

  beforeEach(async () => {
    const t = await tempDir('morgue-handlers-')
    cleanup = t.cleanup
    archive = await openArchive(join(t.dir, 'archive'))
    events = []
    const host = { emit: (event: EventName, payload: unknown) => events.push({ event, payload }) }
    api = createHandlers(archive, host)
    forwardChanges(archive, host)
  })
  afterEach(async () => {
    await archive.close()
    await cleanup()
  })

  it('imports dropped files with progress events and finds the seed photo by credit', async () => {
    const imported = await api.importPaths([seedFile])
    expect(imported).toMatchObject({ ok: true, value: { imported: 1, failed: 0 } })
    expect(events.some((e) => e.event === 'importProgress')).toBe(true)
    expect(events.some((e) => e.event === 'changed')).toBe(true)

    const found = await api.search('souleiman')
    if (!found.ok) throw new Error(found.reason)
    const photo = found.value.hits.find((h) => h.kind === 'photo')
    expect(photo?.kind === 'photo' && photo.credit?.photographer).toBe('Delil Souleiman')
  })

  it('edits name variants, imports and exports CSV, and completes field values', async () => {
    await api.importPaths([seedFile])
    // Without typo tolerance: only the name variants may widen the word here.
    const exact = { typos: false }
    expect(await api.search('Soulaymane', exact)).toMatchObject({ ok: true, value: { total: 0 } })
    const start = await api.nameVariants()
    if (!start.ok) throw new Error(start.reason)
    expect(start.value.some((g) => g.includes('Kyiv'))).toBe(true)

    const saved = await api.setNameVariants([['Souleiman', 'Soulaymane'], ['lonely']])
    expect(saved).toEqual({ ok: true, value: [['Souleiman', 'Soulaymane']] })
    const found = await api.search('Soulaymane', exact)
    expect(found.ok && found.value.total).toBeGreaterThan(0)

    const merged = await api.importNameVariantsCsv('Kyiv,Kiev\r\nsoulaymane,Sulayman\r\n', 'merge')
    expect(merged).toEqual({
      ok: true,
      value: [
        ['Souleiman', 'Soulaymane', 'Sulayman'],
        ['Kyiv', 'Kiev'],
      ],
    })
    expect(await api.exportNameVariantsCsv()).toEqual({
      ok: true,
      value: 'Souleiman,Soulaymane,Sulayman\r\nKyiv,Kiev\r\n',
    })
    expect(await api.importNameVariantsCsv('Beijing\n', 'replace')).toEqual({
      ok: false,
      reason: 'Line 1: “Beijing” needs at least one variant.',
    })
    expect(await api.completeField('photographer', 'del')).toEqual({
      ok: true,
      value: [{ value: 'Delil Souleiman', count: 1 }],
    })
  })

  it('corrects a photo, reads it back by ref and writes its credit line in a style', async () => {
    const r = await api.importPaths([seedFile])
    if (!r.ok) throw new Error(r.reason)
    const ref = `${r.value.outcomes[0].ids[0]}/p0`
    const edited = await api.editPhoto(ref, { photographers: ['Delil Souleiman', 'Ed Jones'] })
    if (!edited.ok) throw new Error(edited.reason)
    expect(edited.value.photo.edited?.fields).toEqual(['photographer'])
    const photo = await api.getPhoto(ref)
    if (!photo.ok || !photo.value) throw new Error('no photo')
    const line = await api.formatCreditLine(
      { caption: 'Fighters.', credit: photo.value.photo.credit },
      { style: 'german', template: '' },
    )
    expect(line).toEqual({ ok: true, value: 'Fighters. Foto: Delil Souleiman und Ed Jones/AFP' })
    expect(
      await api.formatCreditLine(
        { caption: '', credit: null },
        { style: 'template', template: '{x}' },
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/\{x\} is not a template field/) })
    expect(
      await api.editPhoto(`${r.value.outcomes[0].ids[0]}/p9`, { agency: 'AFP' }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/no photo p9/) })
  })

  it('deletes items and restores them from the undo token, once', async () => {
    const r = await api.importPaths([seedFile])
    if (!r.ok) throw new Error(r.reason)
    const id = r.value.outcomes[0].ids[0]
    const deleted = await api.deleteItems([id])
    if (!deleted.ok) throw new Error(deleted.reason)
    expect(await api.get(id)).toEqual({ ok: true, value: null })

    expect(await api.restoreItems(deleted.value.undoToken)).toEqual({ ok: true, value: 1 })
    const back = await api.get(id)
    expect(back.ok && back.value?.title).toMatch(/wrong American policies/)
    expect(await api.restoreItems(deleted.value.undoToken)).toEqual({
      ok: false,
      reason: 'This deletion can no longer be undone.',
    })
  })

  it('returns expected failures as envelopes with a sentence for the user', async () => {
    expect(await api.renameTag('nope', 'other')).toEqual({
      ok: false,
      reason: 'No tag named “nope”.',
    })
    const picker = await api.importFiles()
    expect(picker.ok).toBe(false)
    const link = await api.openExternal('https://example.org')
    expect(link.ok).toBe(false)
    const inside = await api.importPaths([join(archive.dir, 'blobs')])
    expect(inside).toEqual({
      ok: false,
      reason: `${join(archive.dir, 'blobs')} is inside the archive folder.`,
    })
  })

  it('tags in bulk and undoes a tag deletion with its token', async () => {
    const r = await api.importText(
      'First dispatch\n\nA body long enough to be an article about Erbil.',
    )
    const s = await api.importText('Second dispatch\n\nAnother body about the road to Mosul today.')
    if (!r.ok || !s.ok) throw new Error('import failed')
    const ids = [...r.value.outcomes[0].ids, ...s.value.outcomes[0].ids]
    expect(await api.addTags(ids, ['iraq'])).toEqual({ ok: true, value: undefined })
    expect(await api.tags()).toEqual({ ok: true, value: [{ name: 'iraq', count: 2 }] })
    await api.setTagColor('iraq', '#27ae60')
    const removed = await api.deleteTag('iraq')
    if (!removed.ok) throw new Error(removed.reason)
    expect(removed.value).toMatchObject({ items: 2, photos: 0 })
    expect(await api.tags()).toEqual({ ok: true, value: [] })
    expect(await api.restoreTag(removed.value.undoToken)).toEqual({ ok: true, value: undefined })
    expect(await api.tags()).toEqual({
      ok: true,
      value: [{ name: 'iraq', count: 2, color: '#27ae60' }],
    })
    expect(await api.restoreTag(removed.value.undoToken)).toEqual({
      ok: false,
      reason: 'This tag deletion can no longer be undone.',
    })
  })
})

describe('refuseDroppedPath', () => {
  it('accepts absolute plain paths outside the archive', () => {
    expect(refuseDroppedPath('/home/ana/articles', '/home/ana/.config/Morgue/archive')).toBeNull()
  })
  it('refuses relative paths, .. tricks, NUL bytes and the archive itself', () => {
    const archive = '/home/ana/.config/Morgue/archive'
    expect(refuseDroppedPath('articles', archive)).toMatch(/not an absolute path/)
    expect(refuseDroppedPath('/home/ana/x/../y', archive)).toMatch(/not a plain path/)
    expect(refuseDroppedPath('/home/ana/a\0b', archive)).toMatch(/NUL/)
    expect(refuseDroppedPath(`${archive}/blobs/aa`, archive)).toMatch(/inside the archive/)
    expect(refuseDroppedPath(archive, archive)).toMatch(/inside the archive/)
  })
})
