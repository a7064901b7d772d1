/** A success or an expected failure, as a value: the domain never throws for business rules. */
export type Ok<T> = { readonly ok: true; readonly value: T }
export type Err<E> = { readonly ok: false; readonly error: E }
export type Result<T, E> = Ok<T> | Err<E>

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })
export const err = <E>(error: E): Err<E> => ({ ok: false, error })

export const isOk = <T, E>(r: Result<T, E>): r is Ok<T> => r.ok
export const isErr = <T, E>(r: Result<T, E>): r is Err<E> => !r.ok

export const map = <T, U, E>(r: Result<T, E>, f: (value: T) => U): Result<U, E> => (r.ok ? ok(f(r.value)) : r)

export const mapErr = <T, E, F>(r: Result<T, E>, f: (error: E) => F): Result<T, F> =>
  r.ok ? r : err(f(r.error))

export const andThen = <T, U, E>(r: Result<T, E>, f: (value: T) => Result<U, E>): Result<U, E> =>
  r.ok ? f(r.value) : r

/** Unwraps or throws: for tests and for places where a failure is a programming error. */
export const unwrap = <T, E>(r: Result<T, E>): T => {
  if (r.ok) return r.value
  const e = r.error as unknown as { code?: string; message?: string }
  throw new Error(
    `unwrap on err: ${e && e.code ? e.code : String(r.error)}${e && e.message ? ` ${e.message}` : ''}`,
  )
}
