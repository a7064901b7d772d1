import type { Handler } from '../router'
import { deleteAccount } from './account'
import { exportData } from './export'
import { bindBySms, bindByWechat } from './phone'
import { agreePrivacy, me, updateProfile } from './profile'
import { sendCode } from './sms'
import './hooks'

/** The member: first contact, privacy consent, phone binding, profile, deletion, export. */
export const memberHandlers = {
  'member.me': (async (_input, ctx) => me(ctx)) as Handler<'member.me'>,
  'member.privacy.agree': (async (input, ctx) =>
    agreePrivacy(ctx, input.version)) as Handler<'member.privacy.agree'>,
  'member.phone.sendCode': (async (input, ctx) =>
    sendCode(ctx, input.phone)) as Handler<'member.phone.sendCode'>,
  'member.phone.bind': (async (input, ctx) =>
    bindBySms(ctx, input.phone, input.code)) as Handler<'member.phone.bind'>,
  'member.phone.bindWechat': (async (input, ctx) =>
    bindByWechat(ctx, input.code)) as Handler<'member.phone.bindWechat'>,
  'member.profile.update': (async (input, ctx) =>
    updateProfile(ctx, input)) as Handler<'member.profile.update'>,
  'member.account.delete': (async (_input, ctx) => deleteAccount(ctx)) as Handler<'member.account.delete'>,
  'member.export': (async (_input, ctx) => exportData(ctx)) as Handler<'member.export'>,
}
