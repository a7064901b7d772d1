/**
 * The seam for sign-in outside WeChat (QQ mini-program, Alipay, an app with phone login). Not built: today
 * every caller is identified by the WeChat openid the platform puts in the function context. A non-WeChat
 * build would add one provider per platform and map its user to a member document:
 *
 *   1. the client gets the platform's login code (qq.login, my.getAuthCode ...) and calls a `member.signIn`
 *      action with `{provider, code}` on a function that trusts no platform context;
 *   2. the provider exchanges the code on the server for the platform's stable user id (and a union id, a
 *      phone when the platform hands one out);
 *   3. the member key is `<provider>:<providerUserId>` (never a bare id that could collide with an openid);
 *      a bound phone (phoneClaims) can link the same person across providers;
 *   4. the function issues its own session (a signed token the client sends with each call), and the
 *      router's `identify()` reads it instead of getWXContext() for that function.
 */
export interface SocialIdentity {
  provider: SocialProvider
  /** the platform's stable id of the user within this app (QQ openid, Alipay user_id) */
  providerUserId: string
  /** the platform's cross-app id, when it has one (QQ unionid) */
  unionid?: string
  /** a phone the platform verified, normalised (it is sealed before it is stored) */
  phone?: string
}

export type SocialProvider = 'qq' | 'alipay' | 'toutiao' | 'app'

export interface SocialSignInProvider {
  provider: SocialProvider
  /** exchanges the client's one-time login code for the user's identity on that platform */
  exchange(code: string): Promise<SocialIdentity>
}

/** The member document key of a non-WeChat identity. */
export const socialMemberKey = (id: Pick<SocialIdentity, 'provider' | 'providerUserId'>): string =>
  `${id.provider}:${id.providerUserId}`
