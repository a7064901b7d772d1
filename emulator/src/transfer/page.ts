import { escapeHtml, yuan } from '../pay/format'
import type { BillState, TransferBill } from './store'

const STATE_TEXT: Record<BillState, string> = {
  ACCEPTED: '转账已受理',
  PROCESSING: '转账处理中',
  WAIT_USER_CONFIRM: '待确认收款',
  TRANSFERING: '转账中',
  SUCCESS: '已到账',
  FAIL: '转账失败',
  CANCELING: '撤销中',
  CANCELLED: '已撤销',
}

/** Adds `transferResult=<r>` to the page the mini-program's h5 build asked to come back to. */
export function withTransferResult(redirect: string, result: 'ok' | 'cancel' | 'fail'): string {
  const [base, hash] = redirect.split('#', 2) as [string, string | undefined]
  return `${base}${base.includes('?') ? '&' : '?'}transferResult=${result}${hash !== undefined ? `#${hash}` : ''}`
}

/** What wx.requestMerchantTransfer shows on a phone: the amount, the remark, 确认收款 / 取消. */
export function confirmPage(bill: TransferBill | undefined, pkg: string, redirect: string): string {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>确认收款（模拟）</title><style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;padding:24px}
.card{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
h1{font-size:18px;margin:0 0 16px}.row{display:flex;justify-content:space-between;margin:10px 0;color:#333}
.amount{font-size:28px;color:#07c160;font-weight:600}.note{color:#999;font-size:12px;margin-top:16px}
button{width:100%;padding:12px;border:0;border-radius:8px;font-size:16px;margin-top:12px;cursor:pointer}
.ok{background:#07c160;color:#fff}.cancel{background:#eee;color:#333}</style></head><body><div class="card">`
  const tail = `<p class="note">本地模拟器的商家转账确认页：不会产生真实转账。</p></div></body></html>`
  if (!bill)
    return `${head}<h1>转账单不存在</h1><p>找不到转账 package ${escapeHtml(pkg.slice(0, 64))}</p>${tail}`
  const hidden = `<input type="hidden" name="package" value="${escapeHtml(pkg)}"><input type="hidden" name="redirect" value="${escapeHtml(redirect)}">`
  const open = bill.state === 'WAIT_USER_CONFIRM'
  return `${head}<h1>商家转账（模拟）</h1>
<div class="row"><span>转账说明</span><span data-testid="transfer-remark">${escapeHtml(bill.remark)}</span></div>
<div class="row"><span>商户单号</span><span>${escapeHtml(bill.outBillNo)}</span></div>
<div class="row"><span>金额</span><span class="amount" data-testid="transfer-amount">¥${yuan(bill.amount)}</span></div>
<div class="row"><span>状态</span><span data-testid="transfer-state">${STATE_TEXT[bill.state]}</span></div>
${
  open
    ? `<form method="post" action="/__transfer/confirm/accept">${hidden}<button class="ok" type="submit">确认收款</button></form>
<form method="post" action="/__transfer/confirm/cancel">${hidden}<button class="cancel" type="submit">取消</button></form>`
    : `<form method="post" action="/__transfer/confirm/cancel">${hidden}<button class="cancel" type="submit">返回</button></form>`
}${tail}`
}
