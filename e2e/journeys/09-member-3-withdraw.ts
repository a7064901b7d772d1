import { formatPrice } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { ADMIN } from './lib/shop'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 王大力 again, after 09-member-2-recharge: ¥100 principal and ¥10 bonus in the wallet
const SHOPPER = 'o_demo_shopper_3'
const PRODUCT_ID = 'p0092' // one buyable combination, ¥19.00
const DETAIL = '/packages/goods/detail/index'
const CHECKOUT = '/packages/order/checkout/index'
const ORDER = '/packages/order/detail/index'
const WALLET = '/packages/wallet/index/index'
const WITHDRAW = '/packages/wallet/withdraw/index'
const QUEUE = '/packages/admin/withdrawals/index'
const ASK_YUAN = '50'

interface WalletRow {
  balance: number
  bonus: number
  frozen: number
}
interface WithdrawalRow {
  _id: string
  status: string
  amount: number
  bill?: { state: string }
}

/**
 * The member's money round trip: pay an order from the balance (principal first, the bonus kept), ask to
 * withdraw, finance approves in the admin queue, the member confirms the receipt on WeChat's confirm page,
 * and the money leaves the wallet exactly once.
 */
export const journey: Journey = {
  title: 'withdraw: pay by balance, ask to withdraw, finance approves, the member confirms the receipt',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const wallet = () => db.find('wallets', { _id: SHOPPER })[0] as WalletRow
    const withdrawals = () => db.find('withdrawals', { openid: SHOPPER }) as WithdrawalRow[]
    const start = wallet()
    expect(
      start.balance - start.bonus >= 5_000,
      `09-member-2-recharge should have left principal: ${JSON.stringify(start)}`,
    )

    // 1. an order paid from the balance spends the principal and keeps the bonus
    await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${PRODUCT_ID}`))
    await onPage(stack, page, DETAIL, 'product detail', '.goods-detail__title')
    await textOf(page, '立即购买', '.m-goods-action__button').click()
    await shown(page, '.sku-picker').first().waitFor()
    await textOf(page, '立即购买', '.sku-picker__confirm *').click()
    await onPage(stack, page, CHECKOUT, 'checkout', '.m-submit-bar__button')
    await shown(page, '.m-submit-bar__button').filter({ hasText: '提交订单' }).click()
    await textOf(page, '余额支付', '[role=button]').waitFor()
    await screenshot('pay-sheet')
    await textOf(page, '余额支付', '[role=button]').click()
    await onPage(stack, page, ORDER, 'order detail', '.order-detail__status')
    await eventually(
      async () => (await shown(page, '.order-detail__status').first().innerText()).includes('待发货'),
      'the order paid from the balance should wait for shipping',
    )
    const paid = wallet()
    const payable = start.balance - paid.balance
    expect(
      payable > 0 && paid.bonus === start.bonus,
      `the bonus is spent last: ${JSON.stringify({ start, paid })}`,
    )
    const withdrawable = paid.balance - paid.bonus - paid.frozen

    // 2. the wallet: 可提现 is the principal left; 提现 opens the withdrawal page
    await page.goto(stack.as(SHOPPER, WALLET))
    await onPage(stack, page, WALLET, 'wallet', '.wallet__balance')
    await eventually(
      async () => (await visibleText(page)).includes(formatPrice(withdrawable).slice(1)),
      `the wallet should show ${formatPrice(withdrawable)} withdrawable`,
    )
    await screenshot('wallet')
    await textOf(page, '提现', '[role=button]').click()
    await onPage(stack, page, WITHDRAW, 'withdraw', '.withdraw__avail-num')
    const avail = (await shown(page, '.withdraw__avail-num').innerText()).trim()
    expect(
      avail === (withdrawable / 100).toFixed(2),
      `the page offers ${avail}, withdrawable is ${withdrawable}`,
    )
    await shown(page, '.withdraw input').first().fill(ASK_YUAN)
    await screenshot('withdraw-form')
    await textOf(page, '申请提现', '[role=button]').click()
    const asked = await eventually(
      () => withdrawals().find((w) => w.status === 'pending' && w.amount === 5_000),
      'a pending withdrawal of ¥50.00 should be recorded',
    )
    expect(
      wallet().frozen === paid.frozen + 5_000,
      `¥50.00 should be frozen, wallet ${JSON.stringify(wallet())}`,
    )
    await eventually(async () => (await visibleText(page)).includes('待审核'), 'the record should say 待审核')
    await screenshot('withdraw-pending')

    // 3. finance approves it in the admin queue: the transfer bill is created, waiting for the member
    await page.goto(stack.as(ADMIN, QUEUE))
    await onPage(stack, page, QUEUE, 'withdrawal queue', '.admin-wd')
    const row = shown(page, '.admin-wd').filter({ hasText: asked._id })
    await row.waitFor()
    await screenshot('queue')
    await row
      .locator('[role=button]')
      .filter({ hasText: /^通过$/ })
      .click()
    await shown(page, '.m-dialog__button--confirm').click()
    await eventually(
      () => withdrawals().find((w) => w._id === asked._id && w.status === 'paying'),
      'approving should create the transfer bill and wait for the member to confirm',
    )
    expect(
      stack.emu.transfer.bill(asked._id)?.state === 'WAIT_USER_CONFIRM',
      'the bill should wait for the member',
    )

    // 4. the member confirms on WeChat's confirm page (the emulator's, on h5) and comes back to the record
    await page.goto(stack.as(SHOPPER, WITHDRAW))
    await onPage(stack, page, WITHDRAW, 'withdraw', '.withdraw-item')
    await eventually(
      async () => (await visibleText(page)).includes('待确认收款'),
      'the record should ask to confirm',
    )
    await screenshot('withdraw-approved')
    await textOf(page, '确认收款', '.withdraw-item [role=button]').click()
    await page.waitForURL(/\/__transfer\/confirm/, { timeout: 15_000 })
    const amount = (await page.locator('[data-testid=transfer-amount]').innerText()).trim()
    expect(amount === '¥50.00', `the confirm page shows ${amount}, the withdrawal is ¥50.00`)
    await screenshot('transfer-confirm')
    await page.getByRole('button', { name: '确认收款' }).click()
    await onPage(stack, page, WITHDRAW, 'withdraw', '.withdraw-item')
    await stack.emu.transfer.flush()
    const done = await eventually(
      () => withdrawals().find((w) => w._id === asked._id && w.status === 'paid'),
      'the bill notification should finish the withdrawal',
    )
    expect(done.amount === 5_000, `paid ${done.amount}`)
    const end = wallet()
    expect(
      end.balance === paid.balance - 5_000 && end.frozen === paid.frozen && end.bonus === paid.bonus,
      `the wallet should lose exactly ¥50.00 of principal: ${JSON.stringify({ paid, end })}`,
    )
    await page.reload()
    await onPage(stack, page, WITHDRAW, 'withdraw', '.withdraw-item')
    await eventually(async () => (await visibleText(page)).includes('已到账'), 'the record should say 已到账')
    await seen.images('withdraw')
    await screenshot('withdraw-paid')
    seen.assertNone()
  },
}
