import { escapeHtml, yuan } from './format'
import type { Trade } from './store'

/** Only relative or http(s) redirects: the cashier must not become an open `javascript:` redirector. */
export function safeRedirect(raw: string | null): string | undefined {
  if (!raw) return undefined
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw
  try {
    const u = new URL(raw)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined
  } catch {
    return undefined
  }
}

export function withPayResult(redirect: string, result: 'ok' | 'cancel' | 'fail'): string {
  const [base, hash] = redirect.split('#', 2) as [string, string | undefined]
  return `${base}${base.includes('?') ? '&' : '?'}payResult=${result}${hash !== undefined ? `#${hash}` : ''}`
}

const STATE_TEXT: Record<Trade['state'], string> = {
  NOTPAY: '待支付',
  SUCCESS: '已支付',
  CLOSED: '已关闭',
  REFUND: '已退款',
  PAYERROR: '支付失败，可重新支付',
}

/**
 * The number the payer knows: `attach` when the merchant passed one (the mall passes its order number there,
 * what the shopper sees on the order page), else the merchant's trade number as WeChat's bill shows it.
 */
const numberRow = (trade: Trade): string =>
  trade.attach
    ? `<div class="row"><span>订单号</span><span data-testid="cashier-order-no">${escapeHtml(trade.attach)}</span></div>`
    : `<div class="row"><span>商户单号</span><span>${escapeHtml(trade.outTradeNo)}</span></div>`

export function cashierPage(
  trade: Trade | undefined,
  prepayId: string,
  redirect: string,
  expired = false,
): string {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>模拟收银台</title><style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;padding:24px}
.card{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.06)}
h1{font-size:18px;margin:0 0 16px}.row{display:flex;justify-content:space-between;margin:10px 0;color:#333}
.amount{font-size:28px;color:#e4393c;font-weight:600}.note{color:#999;font-size:12px;margin-top:16px}
button{width:100%;padding:12px;border:0;border-radius:8px;font-size:16px;margin-top:12px;cursor:pointer}
.pay{background:#07c160;color:#fff}.cancel{background:#eee;color:#333}</style></head><body><div class="card">`
  const tail = `<p class="note">本地模拟器收银台：不会产生真实扣款。</p></div></body></html>`
  if (!trade) return `${head}<h1>订单不存在</h1><p>找不到预支付单 ${escapeHtml(prepayId)}</p>${tail}`
  const hidden = `<input type="hidden" name="prepayId" value="${escapeHtml(prepayId)}"><input type="hidden" name="redirect" value="${escapeHtml(redirect)}">`
  const payable = (trade.state === 'NOTPAY' || trade.state === 'PAYERROR') && !expired
  return `${head}<h1>微信支付（模拟）</h1>
<div class="row"><span>商品</span><span data-testid="cashier-body">${escapeHtml(trade.body)}</span></div>
${numberRow(trade)}
<div class="row"><span>金额</span><span class="amount" data-testid="cashier-amount">¥${yuan(trade.totalFee)}</span></div>
<div class="row"><span>状态</span><span data-testid="cashier-state">${expired && trade.state === 'NOTPAY' ? '订单已过期' : STATE_TEXT[trade.state]}</span></div>
${
  payable
    ? `<form method="post" action="/__pay/cashier/confirm">${hidden}<button class="pay" type="submit">确认支付</button></form>
<form method="post" action="/__pay/cashier/cancel">${hidden}<button class="cancel" type="submit">放弃支付</button></form>`
    : `<form method="post" action="/__pay/cashier/cancel">${hidden}<button class="cancel" type="submit">返回</button></form>`
}${tail}`
}
