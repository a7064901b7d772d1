import { WITHDRAWAL_QUEUE_TABS, type WithdrawalStatus } from '@mall/contract'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { byId, list } from '../db'
import { fail } from '../errors'
import type { Ctx, Handler } from '../router'
import { transferConfig, TransferNotConfigured } from './config'
import { approveWithdrawal, cancelWithdrawal, rejectWithdrawal, requestWithdrawal } from './flow'
import { chinaDay, loadWithdrawSettings, toAdminRow, toView, type WithdrawalDoc } from './model'

type Tab = (typeof WITHDRAWAL_QUEUE_TABS)[number]
const TAB_STATUSES: Record<Tab, WithdrawalStatus[]> = {
  pending: ['pending'],
  approved: ['approved'],
  paying: ['paying'],
  done: ['paid'],
  rejected: ['rejected', 'cancelled', 'returned'],
}

const cursorOf = (items: WithdrawalDoc[], size: number) => {
  const last = items[size - 1]
  return items.length > size && last ? `${last.createdAt}_${last._id}` : null
}

async function mine(ctx: Ctx, id: string): Promise<WithdrawalDoc> {
  const w = await byId<WithdrawalDoc>(ctx.db.collection('withdrawals'), id)
  return w && w.openid === ctx.openid ? w : fail('WITHDRAWAL_NOT_FOUND')
}

async function adminRow(ctx: Ctx, w: WithdrawalDoc) {
  const u = await byId<{ nickname?: string }>(ctx.db.collection('users'), w.openid)
  return toAdminRow(w, u?.nickname ?? null)
}

export const withdrawalHandlers = {
  'withdrawal.options': (async (_input, ctx) => {
    const [s, wallet] = await Promise.all([
      loadWithdrawSettings(ctx.db),
      byId<{
        balance?: number
        bonus?: number
        frozen?: number
        withdrawDay?: { day: string; count: number; fen: number }
      }>(ctx.db.collection('wallets'), ctx.openid),
    ])
    const balance = wallet?.balance ?? 0
    const bonus = wallet?.bonus ?? 0
    const today = wallet?.withdrawDay?.day === chinaDay(ctx.now()) ? wallet.withdrawDay : undefined
    return {
      balance,
      bonus,
      frozen: wallet?.frozen ?? 0,
      withdrawable: Math.max(0, balance - bonus),
      ...s,
      todayFen: today?.fen ?? 0,
      todayCount: today?.count ?? 0,
    }
  }) as Handler<'withdrawal.options'>,

  'withdrawal.request': (async (input, ctx) =>
    toView(
      await requestWithdrawal(ctx.db, {
        openid: ctx.openid,
        appid: process.env.MALL_WXPAY_APPID || ctx.identity.appid || '',
        amount: input.amountFen,
        requestId: input.requestId,
        at: ctx.now(),
      }),
    )) as Handler<'withdrawal.request'>,

  'withdrawal.list': (async (input, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 20
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    const conds: object[] = [{ openid: ctx.openid }]
    if (c) conds.push(_.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.lt(c.id) }]))
    const items = await list<WithdrawalDoc>(
      ctx.db
        .collection('withdrawals')
        .where(_.and(conds))
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(size + 1),
    )
    return { items: items.slice(0, size).map(toView), cursor: cursorOf(items, size) }
  }) as Handler<'withdrawal.list'>,

  'withdrawal.confirm': (async (input, ctx) => {
    const w = await mine(ctx, input.id)
    const view = toView(w)
    if (!view.canConfirm || !w.bill?.packageInfo)
      return fail('WITHDRAWAL_STATE_INVALID', '该提现当前无需确认收款')
    let cfg
    try {
      cfg = transferConfig()
    } catch (e) {
      if (e instanceof TransferNotConfigured) return fail('TRANSFER_UNAVAILABLE')
      throw e
    }
    return {
      mchId: cfg.mchid,
      appId: w.appid,
      package: w.bill.packageInfo,
      openId: w.openid,
      // The h5 build has no wx.requestMerchantTransfer: it opens the emulator's confirm page instead.
      confirmUrl: cfg.emulatorUrl
        ? `/__transfer/confirm?package=${encodeURIComponent(w.bill.packageInfo)}`
        : null,
    }
  }) as Handler<'withdrawal.confirm'>,

  'withdrawal.cancel': (async (input, ctx) =>
    toView(await cancelWithdrawal(ctx.db, ctx.openid, input.id, ctx.now()))) as Handler<'withdrawal.cancel'>,
}

export const adminWithdrawalHandlers = {
  'admin.withdrawals.list': (async (input, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 20
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    // Open work oldest first (a queue); finished ones newest first (a history).
    const queue = input.status === 'pending' || input.status === 'approved' || input.status === 'paying'
    const conds: object[] = [{ status: _.in(TAB_STATUSES[input.status]) }]
    if (c)
      conds.push(
        queue
          ? _.or([{ createdAt: _.gt(c.at) }, { createdAt: c.at, _id: _.gt(c.id) }])
          : _.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.lt(c.id) }]),
      )
    const dir = queue ? 'asc' : 'desc'
    const items = await list<WithdrawalDoc>(
      ctx.db
        .collection('withdrawals')
        .where(_.and(conds))
        .orderBy('createdAt', dir)
        .orderBy('_id', dir)
        .limit(size + 1),
    )
    const page = items.slice(0, size)
    const ids = [...new Set(page.map((w) => w.openid))]
    const users = ids.length
      ? await list<{ _id: string; nickname?: string }>(
          ctx.db
            .collection('users')
            .where({ _id: _.in(ids) })
            .field({ nickname: true })
            .limit(ids.length),
        )
      : []
    const names = new Map(users.map((u) => [u._id, u.nickname ?? null]))
    return {
      items: page.map((w) => toAdminRow(w, names.get(w.openid) ?? null)),
      cursor: cursorOf(items, size),
    }
  }) as Handler<'admin.withdrawals.list'>,

  'admin.withdrawals.approve': (async (input, ctx) =>
    adminRow(
      ctx,
      await approveWithdrawal(ctx.db, { id: input.id, by: ctx.openid, at: ctx.now() }),
    )) as Handler<'admin.withdrawals.approve'>,

  'admin.withdrawals.reject': (async (input, ctx) =>
    adminRow(
      ctx,
      await rejectWithdrawal(ctx.db, { id: input.id, reason: input.reason, by: ctx.openid, at: ctx.now() }),
    )) as Handler<'admin.withdrawals.reject'>,
}
