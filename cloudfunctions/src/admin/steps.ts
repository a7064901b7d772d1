import type { AdminStepRow } from '@mall/contract'
import { byId, list } from '../db'
import { fail } from '../errors'
import { runSteps } from '../flow/run'
import type { StepDoc, StepKind } from '../flow/steps'
import { changed } from '../order/dbx'
import { loadOrderSettings } from '../order/settings'
import type { Handler } from '../router'

export const stepKindLabels: Record<StepKind, string> = {
  'stock.release': '退还库存',
  'stock.settle': '库存出库',
  'coupon.release': '退还优惠券',
  'coupon.consume': '核销优惠券',
  'points.return': '退还积分',
  'refund.submit': '发起退款',
  'message.send': '发送订阅消息',
  'shipping.upload': '上传发货信息',
  'stock.return': '售后退回库存',
  'points.follow': '售后积分返还/扣回',
  'order.refundedInFull': '全额退款关闭订单',
  'coupon.restore': '全额退款退还优惠券',
  'member.earn': '订单完成发放积分和成长值',
  'member.levelUp': '会员升级通知',
}

const row = (d: StepDoc): AdminStepRow => ({
  id: d._id,
  kind: d.kind,
  kindLabel: stepKindLabels[d.kind] ?? d.kind,
  flow: d.flow,
  ref: d.ref,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError ?? null,
  createdAt: d.createdAt,
  nextAttemptAt: d.nextAttemptAt,
})

/** The dead letters of the durable-effects outbox, and a replay: a person decides a step may run again. */
export const stepHandlers = {
  'admin.steps.list': (async (input, ctx) => {
    const rows = await list<StepDoc>(
      ctx.db
        .collection('outbox')
        .where({ status: input.status })
        .orderBy('createdAt', 'desc')
        .limit(input.pageSize ?? 50),
    )
    return { items: rows.map(row) }
  }) as Handler<'admin.steps.list'>,

  'admin.steps.replay': (async (input, ctx) => {
    const { db } = ctx
    const d = await byId<StepDoc>(db.collection('outbox'), input.stepId)
    if (!d) return fail('NOT_FOUND', '步骤不存在')
    if (d.status === 'done') return row(d)
    const at = ctx.now()
    // back to pending with a fresh budget of attempts; the compare-and-set keeps two replays from both running it
    const n = await changed(
      db
        .collection('outbox')
        .where({ _id: d._id, status: d.status, attempts: d.attempts })
        .update({ data: { status: 'pending', attempts: 0, nextAttemptAt: at, deadAt: db.command.remove() } }),
    )
    if (n !== 1) return fail('CONFLICT')
    await runSteps(db, await loadOrderSettings(db), [{ ...d, status: 'pending', attempts: 0 }], at)
    return row((await byId<StepDoc>(db.collection('outbox'), d._id))!)
  }) as Handler<'admin.steps.replay'>,
}
