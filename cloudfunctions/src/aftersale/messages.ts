import { aftersaleStatusLabels } from '@mall/domain'
import { getCloud, type Database } from '../cloud'
import { byId } from '../db'
import { thing } from '../outbox/messages'
import type { OrderSettings } from '../order/settings'
import type { AftersaleDoc } from './model'

const NO_CONSENT = 43101

/**
 * The subscribe message of an after-sales step (`售后进度通知`): the product, the request number, the
 * status (a `phrase`: at most 5 Chinese characters, which every status label is) and what happened.
 */
export async function sendAftersaleMessage(
  db: Database,
  s: OrderSettings,
  aftersaleId: string,
): Promise<void> {
  const a = await byId<AftersaleDoc>(db.collection('aftersales'), aftersaleId)
  if (!a) return
  const last = a.timeline[a.timeline.length - 1]
  const openapi = (
    getCloud() as unknown as { openapi: { subscribeMessage: { send(p: object): Promise<unknown> } } }
  ).openapi
  try {
    await openapi.subscribeMessage.send({
      touser: a.openid,
      templateId: s.templates.aftersale,
      page: `packages/aftersale/detail/index?id=${a._id}`,
      data: {
        thing1: { value: thing(a.lines[0]?.title + (a.lines.length > 1 ? '等' : '')) },
        character_string2: { value: a.aftersaleNo },
        phrase3: { value: aftersaleStatusLabels[a.status] },
        thing4: { value: thing(last?.text ?? '售后申请已提交') },
      },
      miniprogramState: process.env.MALL_EMULATOR === '1' ? 'developer' : 'formal',
    })
  } catch (e) {
    if ((e as { errCode?: number }).errCode === NO_CONSENT) return
    throw e
  }
}
