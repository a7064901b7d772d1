import { demoMemberRules } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 王大力: a demo shopper with no phone bound
const SHOPPER = 'o_demo_shopper_3'
const PHONE = '13912340003'
const ME = '/pages/me/index'
const PHONE_PAGE = '/packages/user/phone/index'
const PROFILE = '/packages/user/profile/index'
const MEMBER = '/packages/user/member/index'
const POINTS = '/packages/user/points/index'
const POLICY = '/packages/user/privacy/index'

interface UserRow {
  privacy?: { version: string }
  phone?: { m: string; h: string }
  nickname?: string
}

/** First launch: the privacy popup -> 同意并继续 -> 绑定手机号 by SMS code -> the profile's nickname. */
export const journey: Journey = {
  title: 'member: consent popup, bind a phone by SMS code, set the nickname on the profile',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const user = () => db.find('users', { _id: SHOPPER })[0] as UserRow | undefined

    // 1. a first launch asks for consent before anything else (e2ePrivacy=ask: the device has not answered)
    await page.goto(stack.as(SHOPPER, ME).replace('/?', '/?e2ePrivacy=ask&'))
    await onPage(stack, page, ME, 'me', '.privacy-card')
    await screenshot('consent')
    await textOf(page, '同意并继续', '.privacy-btn').click()
    await eventually(() => user()?.privacy?.version, 'the consent should be recorded on the server')
    expect((await shown(page, '.privacy-card').count()) === 0, 'the popup should close after 同意')

    // 2. the me page header offers 绑定手机号
    await textOf(page, '绑定手机号 ›').click()
    await onPage(stack, page, PHONE_PAGE, 'bind phone', '.phone-page__send')
    await screenshot('phone')
    await page.locator('input[placeholder="请输入手机号"]').fill(PHONE)
    await textOf(page, '获取验证码', '.phone-page__send').click()
    const code = await eventually(() => {
      const inbox = stack.emu.openapi.sms(`+86${PHONE}`)
      return /验证码是(\d{6})/.exec(inbox[inbox.length - 1]?.content ?? '')?.[1]
    }, 'an SMS code should reach the emulator inbox')
    await page.locator('input[placeholder="6位验证码"]').fill(code)
    await screenshot('phone-code')
    await textOf(page, '确认绑定', '.m-btn').click()
    await eventually(
      () => user()?.phone?.m === '139****0003',
      'the phone should be bound (sealed, masked 139****0003)',
    )
    expect(!JSON.stringify(user()).includes(PHONE), 'the users document must not hold the plain number')

    // 3. back on the me page the masked phone shows; the header opens the profile
    await onPage(stack, page, ME, 'me', '.member-header')
    await eventually(
      async () => (await visibleText(page)).includes('139****0003'),
      'the header shows the masked phone',
    )
    await screenshot('me-bound')
    await shown(page, '.member-header').first().click()
    await onPage(stack, page, PROFILE, 'profile', '.profile-avatar')
    const nick = page.locator('input[placeholder="请输入昵称"]')
    await nick.fill('小红同学')
    await nick.blur()
    await eventually(() => user()?.nickname === '小红同学', 'the nickname should be saved')
    await seen.images('profile')
    await screenshot('profile')

    // 4. the member centre lists every level with its benefits; the points page shows the balance
    await page.goto(stack.as(SHOPPER, MEMBER))
    await onPage(stack, page, MEMBER, 'member centre', '.member__tier-name')
    const tiers = await shown(page, '.member__tier-name').allInnerTexts()
    const names = demoMemberRules.levels.map((l) => l.name)
    expect(
      names.every((n) => tiers.some((t) => t.includes(n))),
      `the member centre should list ${names.join(' ')}, saw ${tiers.join(' ')}`,
    )
    await screenshot('member-centre')
    await page.goto(stack.as(SHOPPER, POINTS))
    await onPage(stack, page, POINTS, 'points', '.points__balance')
    const points = (db.find('users', { _id: SHOPPER })[0] as { points?: number }).points ?? 0
    const shownPoints = (await shown(page, '.points__balance').innerText()).trim()
    expect(shownPoints === String(points), `the points page shows ${shownPoints}, the member has ${points}`)
    await screenshot('points')

    // 5. the privacy policy says what is collected and why
    await page.goto(stack.as(SHOPPER, POLICY))
    await onPage(stack, page, POLICY, 'privacy policy', '.privacy-item')
    const policy = await visibleText(page)
    for (const what of ['手机号', '收货地址', '头像'])
      expect(policy.includes(what), `the privacy policy should say why it collects ${what}`)
    await screenshot('privacy-policy')
    seen.assertNone()
  },
}
