/** Demo people and money: shoppers, addresses, wallets + ledger, coupons, the merchant admin, settings. */
import type { SearchWordDoc } from '../src/catalog/docs'
import { DEMO_SHOPPERS } from './names'
import { sealDemoPhone } from '../src/pii/phone'

export interface DevIdentity {
  openid: string
  name: string
  role: 'shopper' | 'admin'
  unionid?: string
}

const DAY = 86_400_000

export const ADMIN_OPENID = 'o_demo_admin'
export const shopperOpenid = (n: number) => `o_demo_shopper_${n}`

/** Wallet history per shopper: signed fen amounts; the wallet balance is their sum. */
const WALLET_HISTORY: Array<Array<[kind: string, amount: number, memo: string]>> = [
  [
    ['recharge', 50000, '充值'],
    ['bonus', 5000, '充值赠送'],
    ['pay', -5000, '订单支付'],
  ],
  [
    ['recharge', 20000, '充值'],
    ['refund', 1990, '订单退款'],
    ['pay', -1990, '订单支付'],
  ],
  [],
  [
    ['recharge', 10000, '充值'],
    ['bonus', 2345, '活动奖励'],
  ],
]

export function generatePeople(base: number, avatar: (n: number) => string) {
  const identities: DevIdentity[] = DEMO_SHOPPERS.map((s, i) => ({
    openid: shopperOpenid(i + 1),
    name: s.name,
    role: 'shopper' as const,
    unionid: `u_demo_shopper_${i + 1}`,
  }))
  identities.push({ openid: ADMIN_OPENID, name: '店长', role: 'admin' })

  const users = identities.map((id, i) => ({
    _id: id.openid,
    openid: id.openid,
    ...(id.unionid ? { unionid: id.unionid } : {}),
    nickname: id.name,
    avatar: avatar(i),
    // shopper 1 is a member (member prices apply), shopper 2 has a higher level
    level: i === 0 ? 1 : i === 1 ? 2 : 0,
    growth: [1200, 5600, 0, 80, 0][i] ?? 0,
    points: [2000, 500, 0, 150, 0][i] ?? 0,
    pointsSeq: ([2000, 500, 0, 150, 0][i] ?? 0) > 0 ? 1 : 0,
    createdAt: new Date(base + i * DAY),
  }))
  // points are a ledger too: the opening balance is one entry, so balance == sum of entries from day one
  const pointsLedger = users
    .filter((u) => u.points > 0)
    .map((u) => ({
      _id: `seed_pts_${u.openid}`,
      openid: u.openid,
      amount: u.points,
      kind: 'seed',
      ref: 'seed',
      at: base + DAY,
      seq: 1,
      balanceAfter: u.points,
    }))

  const addresses = DEMO_SHOPPERS.flatMap((s, i) => {
    const openid = shopperOpenid(i + 1)
    // sealed like every phone at rest (deterministically, so the seed stays byte-identical)
    const phone = sealDemoPhone(`1380013800${i + 1}`)
    const list = [{ ...s, name: s.name, isDefault: true }]
    if (i === 0) list.push({ ...DEMO_SHOPPERS[1]!, name: '张小明（公司）', isDefault: false })
    return list.map((a, k) => ({
      _id: `addr_${i + 1}_${k + 1}`,
      openid,
      name: a.name,
      phone,
      province: a.province,
      city: a.city,
      district: a.district,
      detail: a.detail,
      isDefault: a.isDefault,
      createdAt: new Date(base + (i + k) * DAY),
      updatedAt: new Date(base + (i + k) * DAY),
    }))
  })

  const wallets: object[] = []
  const ledger: object[] = []
  WALLET_HISTORY.forEach((history, i) => {
    const openid = shopperOpenid(i + 1)
    let balance = 0
    // the bonus bucket (never withdrawable): 'bonus' entries are all bonus, the rest here is principal
    let bonus = 0
    history.forEach(([kind, amount, memo], k) => {
      const bonusAmount = kind === 'bonus' ? amount : 0
      balance += amount
      bonus += bonusAmount
      ledger.push({
        _id: `seed_${openid}_${k + 1}`,
        walletId: openid,
        openid,
        amount,
        bonusAmount,
        kind,
        memo,
        ref: `seed_${k + 1}`,
        balanceAfter: balance,
        seq: k + 1,
        // epoch ms like every entry the functions write, so entries sort by time in one order
        at: base + (k + 1) * DAY,
      })
    })
    wallets.push({
      _id: openid,
      openid,
      balance,
      bonus,
      frozen: 0,
      version: history.length,
      seq: history.length,
      updatedAt: new Date(base + history.length * DAY),
    })
  })

  const admins = [{ _id: ADMIN_OPENID, roles: ['owner'], active: true, name: '店长' }]
  return { identities, users, addresses, wallets, ledger, pointsLedger, admins }
}

export function generateCoupons(base: number) {
  const validFrom = new Date(base)
  const validTo = new Date(base + 5 * 365 * DAY)
  const templates = [
    {
      _id: 'ct_300_30',
      title: '满300减30',
      kind: 'amountOff',
      threshold: 30000,
      amount: 3000,
      scope: { type: 'all' },
    },
    {
      _id: 'ct_free_5',
      title: '无门槛5元',
      kind: 'noThreshold',
      threshold: 0,
      amount: 500,
      scope: { type: 'all' },
    },
    // percentOff: `percent` off the applicable goods, at most `cap` fen
    {
      _id: 'ct_wear_10p',
      title: '服饰鞋包9折（最高减50）',
      kind: 'percentOff',
      threshold: 0,
      percent: 10,
      cap: 5000,
      scope: { type: 'categories', ids: ['c4'] },
    },
    {
      _id: 'ct_phone_1000_100',
      title: '手机数码满1000减100',
      kind: 'amountOff',
      threshold: 100000,
      amount: 10000,
      scope: { type: 'categories', ids: ['c1'] },
    },
    {
      _id: 'ct_p0001_20',
      title: '指定商品满100减20',
      kind: 'amountOff',
      threshold: 10000,
      amount: 2000,
      scope: { type: 'products', ids: ['p0001', 'p0002'] },
    },
  ].map((t) => ({
    ...t,
    status: 'active',
    validFrom,
    validTo,
    total: 10000,
    issued: 0,
    perUser: 2,
    createdAt: validFrom,
  }))

  const coupons: object[] = []
  const issue = (openid: string, tpl: (typeof templates)[number], status: string, extra: object = {}) => {
    tpl.issued++
    const { _id: templateId, total: _t, issued: _i, perUser: _p, status: _s, createdAt: _c, ...terms } = tpl
    coupons.push({
      _id: `cp_${coupons.length + 1}`,
      templateId,
      openid,
      ...terms,
      status,
      createdAt: validFrom,
      ...extra,
    })
  }
  for (let n = 1; n <= 4; n++) {
    const openid = shopperOpenid(n)
    issue(openid, templates[0]!, 'unused')
    issue(openid, templates[1]!, 'unused')
    if (n <= 2) issue(openid, templates[2]!, 'unused')
    if (n === 1) {
      issue(openid, templates[3]!, 'unused')
      issue(openid, templates[4]!, 'unused')
      issue(openid, templates[1]!, 'used', { usedAt: new Date(base + 3 * DAY), orderId: 'seed_order_1' })
      issue(openid, templates[0]!, 'expired', { validTo: new Date(base + 7 * DAY) })
    }
  }
  return { couponTemplates: templates, coupons }
}

export function generateSettings() {
  return [
    {
      _id: 'trade',
      orderTimeoutMinutes: 15,
      autoConfirmDays: 10,
      autoCompleteDays: 7,
      cancelWindowMinutes: 30,
      maxCartLines: 100,
    },
    {
      _id: 'shipping',
      baseFee: 800,
      freeOver: 9900,
      freeForLevel: 2,
      regionExtra: { 新疆维吾尔自治区: 1500, 西藏自治区: 1500 },
    },
    { _id: 'points', pointsPerYuan: 100, maxPayablePercent: 50, earnPerYuan: 1 },
    {
      _id: 'aftersale',
      windowDays: 15,
      autoApproveHours: 48,
      shipBackDays: 7,
      autoReceiveDays: 0,
      returnAddress: {
        name: '微商城售后仓',
        phone: sealDemoPhone('021-55550000'),
        address: '上海市嘉定区安亭镇退货路88号',
      },
    },
    {
      _id: 'member',
      levels: [
        { level: 1, name: '银卡会员', memberPrice: true },
        { level: 2, name: '金卡会员', memberPrice: true },
      ],
    },
  ]
}

export function generateSearchWords(): SearchWordDoc[] {
  const words = [
    '5G手机',
    '蓝牙耳机',
    '轻薄本',
    '破壁机',
    '连衣裙',
    '运动鞋',
    '坚果',
    '车厘子',
    '面霜',
    '口红',
  ]
  return words.map((word, i) => ({ _id: `sw_${i + 1}`, word, weight: 100 - i * 5, hot: i < 8 }))
}
