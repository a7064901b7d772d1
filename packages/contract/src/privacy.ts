/**
 * Version of the privacy policy the consent popup and `packages/user/privacy` show; bump it when the policy
 * changes (every member is asked again). Its own module: the main package imports it without the schemas.
 */
export const PRIVACY_VERSION = '2026-12-01'
