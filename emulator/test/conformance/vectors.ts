import path from 'node:path'

/**
 * The vectors captured against real CloudBase (results.json, traffic.jsonl), kept in the repository so a
 * clean clone runs the conformance tests; CLOUDBASE_PROTOCOL_DIR points at a fresher capture instead.
 */
export const VECTORS_DIR =
  process.env.CLOUDBASE_PROTOCOL_DIR ?? path.join(__dirname, '..', 'fixtures', 'cloudbase')
