/** Why a sync could not run, in words a desk editor understands. */
export type SyncErrorKind =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-couchdb'
  | 'tls'
  | 'no-database'
  | 'bad-url'
  | 'server'
  | 'invalid-document'

/** A sync failure: `message` is one sentence for the user; the local archive was left as it was. */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
  ) {
    super(message)
    this.name = 'SyncError'
  }
}

/** Node's TLS verification codes (undici puts them on `cause.code`). */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
])

/** Turn a `fetch` failure (no HTTP answer at all) into a SyncError naming the server. */
export function describeFetchFailure(err: unknown, origin: string): SyncError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause
  const code = cause?.code ?? (err as { code?: string })?.code ?? ''
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(cause?.message ?? '')) {
    return new SyncError(
      'tls',
      `The secure connection to ${origin} failed: ${tlsReason(code, cause?.message)}. Check the server's certificate (or use the address the certificate names).`,
    )
  }
  if (code === 'ECONNREFUSED')
    return new SyncError('unreachable', `Nothing answers at ${origin} (connection refused).`)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new SyncError('unreachable', `The server name in ${origin} cannot be found.`)
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return new SyncError('unreachable', `The connection to ${origin} was cut off.`)
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || (err as Error)?.name === 'TimeoutError')
    return new SyncError('unreachable', `${origin} did not answer in time.`)
  const detail = cause?.message ?? (err instanceof Error ? err.message : String(err))
  return new SyncError('unreachable', `Could not reach ${origin}: ${detail}.`)
}

function tlsReason(code: string, message?: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'its certificate is self-signed and not trusted'
    case 'CERT_HAS_EXPIRED':
      return 'its certificate has expired'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'its certificate is for another name'
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'its certificate is issued by an authority this computer does not trust'
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return 'it does not speak TLS on that port'
    default:
      return message ?? code
  }
}
