// Views shaped like the contract's action outputs (the server's answers); money in fen.
const flags = {
  offShelf: false,
  outOfStock: false,
  insufficientStock: false,
  priceChanged: false,
  missing: false,
}

export const cartItem = (over: Record<string, unknown> = {}) => ({
  skuId: 'sku1',
  spuId: 'p1',
  title: '无线蓝牙耳机',
  image: '/img/a.png',
  specs: { 颜色: '黑色' },
  quantity: 1,
  selected: true,
  unitPrice: 8900,
  addedPrice: 8900,
  stock: 50,
  flags,
  ...over,
})

export const cartView = (items = [cartItem()], over: Record<string, unknown> = {}) => ({
  items,
  selectedCount: items.filter((i) => i.selected).length,
  goodsTotal: 8900,
  discountTotal: 0,
  payable: 8900,
  hints: [],
  ...over,
})

export const flaggedCart = () =>
  cartView(
    [
      cartItem({ unitPrice: 8900, addedPrice: 9900, flags: { ...flags, priceChanged: true } }),
      cartItem({ skuId: 'sku2', title: '纯棉短袖T恤', selected: false, flags: { ...flags, offShelf: true } }),
      cartItem({
        skuId: 'sku3',
        title: '保温杯 500ml',
        quantity: 3,
        stock: 2,
        flags: { ...flags, insufficientStock: true },
      }),
    ],
    { payable: 11570, discountTotal: 1000, hints: ['再买¥11.00可减¥20.00'] },
  )

export const address = {
  id: 'addr1',
  name: '张三',
  phone: '13800000000',
  province: '广东省',
  city: '深圳市',
  district: '南山区',
  detail: '科技园 1 号',
  isDefault: true,
}

const line = {
  skuId: 'sku1',
  spuId: 'p1',
  title: '无线蓝牙耳机',
  image: '/img/a.png',
  specs: { 颜色: '黑色' },
  quantity: 2,
  unitPrice: 19900,
  subtotal: 39800,
  discount: 5000,
  payable: 34800,
}

export const preview = {
  lines: [line],
  totals: { goods: 39800, discount: 5300, shipping: 0, payable: 34500 },
  breakdown: [
    { source: 'goods', label: '商品金额', amount: 39800 },
    { source: 'member', label: '会员价', amount: -1000 },
    { source: 'fullReduction', label: '满减', amount: -2000 },
    { source: 'coupon', label: '优惠券', amount: -2000 },
    { source: 'points', label: '积分抵扣', amount: -300 },
    { source: 'shipping', label: '运费', amount: 0 },
  ],
  coupons: [
    { id: 'c1', title: '满300减20', applicable: true, saving: 2000 },
    { id: 'c2', title: '满1000减100', applicable: false, saving: 0, reason: '未满足使用门槛' },
  ],
  couponId: 'c1',
  pointsUsed: 300,
  pointsDeduction: 300,
  pointsAvailable: 1200,
  pointsMax: 600,
  pointsMaxDeduction: 600,
  address,
  problems: [],
}

export const order = (over: Record<string, unknown> = {}) => ({
  id: 'o1',
  orderNo: 'M20261125000001',
  status: 'awaitingPayment',
  statusLabel: '待付款',
  createdAt: Date.UTC(2026, 10, 25, 7, 0, 0),
  lines: [line],
  totals: preview.totals,
  itemCount: 2,
  expireAt: Date.now() + 15 * 60_000,
  breakdown: preview.breakdown,
  address: {
    name: '张三',
    phone: '13800000000',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园 1 号',
  },
  remark: '',
  couponId: 'c1',
  pointsUsed: 300,
  payment: null,
  shipping: null,
  refund: null,
  timeline: [{ at: Date.UTC(2026, 10, 25, 7, 0, 0), status: 'awaitingPayment', text: '订单已提交' }],
  can: { pay: true, cancel: true, confirmReceipt: false, buyAgain: false },
  ...over,
})

export const paidOrder = () =>
  order({
    status: 'paid',
    statusLabel: '待发货',
    expireAt: null,
    payment: { method: 'balance', paidAt: Date.UTC(2026, 10, 25, 7, 1, 0) },
    can: { pay: false, cancel: true, confirmReceipt: false, buyAgain: true },
  })
