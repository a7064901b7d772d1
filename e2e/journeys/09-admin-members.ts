import { demoMemberRules } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { ADMIN } from './lib/shop'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

const LIST = '/packages/admin/members/index'
const DETAIL = '/packages/admin/members/detail/index'
// the seeded member with a points and a balance adjustment in her history (cloudfunctions/seed/admin-members.ts)
const MEMBER = 'o_demo_member_01'
const REASON = '会员生日关怀积分'
const LEVELS = '/packages/admin/levels/index'
const RECHARGE = '/packages/admin/recharge/index'

interface EntryRow {
  _id: string
  kind: string
  amount: number
}

/** The merchant finds a member by nickname, opens her, and gives her points with a reason. */
export const journey: Journey = {
  title: 'admin members: list, search by nickname, detail with adjustments, add points with a reason',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const adjustments = () =>
      (db.find('pointsLedger', { openid: MEMBER, kind: 'adjust' }) as EntryRow[]).map((e) => e.amount)

    // 1. the list: newest members first, masked phones only, balances and points
    await page.goto(stack.as(ADMIN, LIST))
    await onPage(stack, page, LIST, 'admin members', '.member-row')
    const text = await visibleText(page)
    expect(!/(^|\D)1[3-9]\d{9}(\D|$)/.test(text), 'the members list must not show a full phone number')
    await seen.images('members list')
    await screenshot('members-list')

    // 2. search by nickname prefix
    const box = shown(page, '.m-search input').first()
    await box.fill('春风')
    await box.press('Enter')
    await eventually(
      async () => (await shown(page, '.member-row').count()) === 1,
      'searching 春风 should leave one member',
    )
    await screenshot('members-search')

    // 3. her detail: level, wallet buckets, the seeded adjustments with their reasons
    await textOf(page, '春风十里', '.member-row *').first().click()
    await onPage(stack, page, DETAIL, 'admin member detail', '.member-head')
    await eventually(
      async () => (await visibleText(page)).includes('杯子运输破损，补偿余额'),
      'the seeded balance adjustment and its reason should show',
    )
    await screenshot('member-detail')

    // 4. add 50 points: the reason is required
    await textOf(page, '调整积分', '.member-block__action').click()
    await shown(page, '.member-form input').first().fill('50')
    await textOf(page, '确认调整', '[role=button]').click()
    await eventually(
      async () => (await visibleText(page)).includes('请填写调整原因'),
      'adjusting without a reason should be refused on the form',
    )
    await shown(page, '.member-form textarea').fill(REASON)
    await textOf(page, '确认调整', '[role=button]').click()
    await eventually(() => adjustments().includes(50), 'the points adjustment should be in the ledger')
    await eventually(
      async () => (await visibleText(page)).includes(REASON),
      'the new adjustment and its reason should show on the detail',
    )
    expect(adjustments().filter((a) => a === 50).length === 1, 'the adjustment is posted once')
    await screenshot('member-points-adjusted')

    // 5. the member settings the merchant keeps: levels and recharge packages, as seeded
    await page.goto(stack.as(ADMIN, LEVELS))
    await onPage(stack, page, LEVELS, 'admin levels', '.admin-levels__level')
    const values = await shown(page, '.admin-levels__level input').evaluateAll((els) =>
      els.map((e) => (e as HTMLInputElement).value),
    )
    const missing = demoMemberRules.levels.filter((l) => !values.includes(l.name)).map((l) => l.name)
    expect(
      missing.length === 0,
      `the levels page should hold ${missing.join(' ')}, holds ${values.join(' ')}`,
    )
    await screenshot('levels')
    await page.goto(stack.as(ADMIN, RECHARGE))
    await onPage(stack, page, RECHARGE, 'admin recharge packages', '.admin-rp')
    await eventually(
      async () => (await visibleText(page)).includes('充100送10'),
      'the recharge packages page should list the seeded 充100送10',
    )
    await screenshot('recharge-packages')
    seen.assertNone()
  },
}
