/**
 * Every document type that owns checked photos registers its `onMediaVerdict` hook in a module imported
 * here, so the hook exists in this function's process when a verdict lands.
 */
import '../../src/review/hooks'
import '../../src/member/hooks'
