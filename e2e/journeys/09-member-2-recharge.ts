import { expect, type Journey } from '../journey'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 王大力 again, after 09-member-1-bind: a shopper without wallet history
const SHOPPER = 'o_demo_shopper_3'
const WALLET = '/packages/wallet/index/index'
const RECHARGE = '/packages/wallet/recharge/index'

interface WalletRow {
  balance: number
  bonus: number
}
interface RechargeRow {
  _id: string
  status: string
  payFen: number
  bonusFen: number
}

/** Wallet -> 充值 -> 充100送10 -> WeChat Pay at the cashier -> 已到账: principal and bonus credited once. */
export const journey: Journey = {
  title: 'recharge: wallet, pick 充100送10, WeChat Pay at the cashier, principal and bonus credited',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const wallet = () => db.find('wallets', { _id: SHOPPER })[0] as WalletRow | undefined
    const before = wallet() ?? { balance: 0, bonus: 0 }

    // 1. the wallet page: balance and its parts
    await page.goto(stack.as(SHOPPER, WALLET))
    await onPage(stack, page, WALLET, 'wallet', '.wallet__balance')
    await screenshot('wallet-before')

    // 2. 充值 -> the packages
    await textOf(page, '充值', '[role=button]').click()
    await onPage(stack, page, RECHARGE, 'recharge', '.recharge-pkg')
    const titles = await shown(page, '.recharge-pkg__title').allInnerTexts()
    expect(
      titles.includes('充100送10'),
      `the seeded packages should be listed, saw ${JSON.stringify(titles)}`,
    )
    await shown(page, '.recharge-pkg').filter({ hasText: '充100送10' }).click()
    await screenshot('packages')

    // 3. 立即充值 -> the emulator cashier asks for exactly the package price
    await textOf(page, '立即充值', '[role=button]').click()
    await page.waitForURL(/\/__pay\/cashier/, { timeout: 15_000 })
    const amount = (await page.locator('[data-testid=cashier-amount]').innerText()).trim()
    expect(amount === '¥100.00', `the cashier asks for ${amount}, the package costs ¥100.00`)
    await screenshot('cashier')
    await page.getByRole('button', { name: '确认支付' }).click()

    // 4. back on the recharge page: the server says paid
    await onPage(stack, page, RECHARGE, 'recharge', '.recharge__result--paid')
    const paid = await eventually(
      () =>
        (db.find('recharges', { openid: SHOPPER }) as RechargeRow[]).find(
          (r) => r.status === 'paid' && r.payFen === 10_000,
        ),
      'the recharge should be paid',
    )
    expect(
      db.find('ledger', { ref: paid._id }).length === 2,
      'principal and bonus should be two ledger entries',
    )
    const after = wallet()!
    expect(
      after.balance === before.balance + 11_000 && after.bonus === before.bonus + 1_000,
      `wallet ${JSON.stringify(after)} should be ${JSON.stringify(before)} + ¥100 principal + ¥10 bonus`,
    )
    await screenshot('paid')

    // 5. the wallet shows the new balance, the bonus and both entries
    await textOf(page, '查看钱包').click()
    await onPage(stack, page, WALLET, 'wallet', '.wallet-entry')
    await eventually(
      async () => (await visibleText(page)).includes('充值赠送'),
      'the history should show the bonus entry',
    )
    const balance = (await shown(page, '.wallet__balance').innerText()).trim()
    expect(
      balance === (after.balance / 100).toFixed(2),
      `the wallet shows ${balance}, the balance is ${after.balance}`,
    )
    await seen.images('wallet')
    await screenshot('wallet-after')
    seen.assertNone()
  },
}
