import type { Handler } from '../router'
import { adjustMember } from '../members-admin/adjust'
import { memberDetail } from '../members-admin/detail'
import { listMembers } from '../members-admin/list'

/** The merchant's members: list and search, detail, point and balance adjustments (with a reason). */
export const adminMemberHandlers = {
  'admin.members.list': ((input, ctx) => listMembers(ctx, input)) as Handler<'admin.members.list'>,
  'admin.members.detail': ((input, ctx) =>
    memberDetail(ctx, input.openid)) as Handler<'admin.members.detail'>,
  'admin.members.adjustPoints': ((input, ctx) =>
    adjustMember(ctx, 'points', input)) as Handler<'admin.members.adjustPoints'>,
  'admin.members.adjustBalance': ((input, ctx) =>
    adjustMember(ctx, 'wallet', {
      ...input,
      delta: input.deltaFen,
    })) as Handler<'admin.members.adjustBalance'>,
}
