import { AFTERSALE_QUEUE_TABS, type AftersaleQueueTab } from '@mall/contract'

export const TAB_LABELS: Record<AftersaleQueueTab, string> = {
  review: '待审核',
  awaitingReturn: '待买家退货',
  receiving: '待收货',
  refunding: '退款中',
  done: '已完成',
}

/** "待审核 3": the ui kit's tabs take titles only, so the badge is part of the title. */
export const tabTitles = (counts: Partial<Record<AftersaleQueueTab, number>> | null): string[] =>
  AFTERSALE_QUEUE_TABS.map((t) => {
    const n = counts?.[t] ?? 0
    return n > 0 && t !== 'done' ? `${TAB_LABELS[t]} ${n > 99 ? '99+' : n}` : TAB_LABELS[t]
  })

// kept inside the admin subpackage: the shopper's code never names an admin path
export const adminAftersaleDetailPath = (id: string) =>
  `/packages/admin/aftersales/detail/index?id=${encodeURIComponent(id)}`
