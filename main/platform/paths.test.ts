import { describe, expect, it } from 'vitest'
import { defaultArchiveDir, userDataDir } from './paths'

describe('default archive folder', () => {
  it('is where Electron keeps Morgue’s user data, per platform', () => {
    expect(userDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Morgue')
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/Morgue')
    expect(userDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Morgue',
    )
  })

  it('follows MORGUE_ARCHIVE_DIR when set', () => {
    expect(defaultArchiveDir({ MORGUE_ARCHIVE_DIR: '/data/morgue' })).toBe('/data/morgue')
    expect(defaultArchiveDir({ XDG_CONFIG_HOME: '/cfg' })).toMatch(/Morgue[\\/]archive$/)
  })
})
