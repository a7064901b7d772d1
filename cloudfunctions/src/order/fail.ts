import { isErrorCode } from '@mall/contract'
import { fail } from '../errors'

/** Raises a domain or contract code as an AppError; codes the contract lacks become INVALID_INPUT. */
export const failCode = (code: string, message?: string, details?: unknown): never =>
  fail(isErrorCode(code) ? code : 'INVALID_INPUT', message, details)
