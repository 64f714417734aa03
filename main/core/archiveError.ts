/** A caller's mistake (unknown id, empty tag…): the message is meant for the user. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveError'
  }
}
