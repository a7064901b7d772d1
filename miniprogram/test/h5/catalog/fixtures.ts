import type { ProductCard, ProductDetail, SkuView } from '@mall/contract'

export const card = (
  id: string,
  title: string,
  price: number,
  extra: Partial<ProductCard> = {},
): ProductCard => ({
  id,
  title,
  image: `/img/${id}.png`,
  price,
  sales: 10,
  tags: [],
  ...extra,
})

const sku = (
  id: string,
  color: string,
  size: string,
  stock: number,
  extra: Partial<SkuView> = {},
): SkuView => ({
  id,
  specs: { 颜色: color, 尺码: size },
  specText: `${color} ${size}`,
  price: 9900,
  stock,
  soldOut: stock === 0,
  fewLeft: stock > 0 && stock <= 5 ? stock : null,
  image: `/img/${id}.png`,
  ...extra,
})

/**
 * 黑/白 x M/L: 黑 M has 20, 黑 L has 3 (few left), 白 M is sold out, 白 L has 8; 红 exists only as a sold-out
 * value (the server marks it).
 */
export function tee(): ProductDetail {
  const skus = [
    sku('s-bm', '黑', 'M', 20),
    sku('s-bl', '黑', 'L', 3),
    sku('s-wm', '白', 'M', 0),
    sku('s-wl', '白', 'L', 8),
  ]
  skus.push(sku('s-rm', '红', 'M', 0))
  return {
    id: 'p-tee',
    title: '纯棉短袖T恤 男女同款',
    subtitle: '新疆长绒棉',
    status: 'onShelf',
    images: ['/img/tee-1.png', '/img/tee-2.png'],
    detail: [
      { type: 'text', text: '柔软亲肤，四季百搭。' },
      { type: 'image', src: '/img/tee-detail.png' },
    ],
    params: [
      { name: '面料', value: '100%棉' },
      { name: '产地', value: '新疆' },
    ],
    brand: { id: 'b1', name: '棉之家', logo: '' },
    category: { ids: ['c2', 'c21', 'c211'], names: ['服饰鞋包', '男装', 'T恤'] },
    tags: [],
    sales: 321,
    price: { min: 9900, max: 9900, memberMin: 8900, marketPrice: 15900 },
    promotions: [{ id: 'fr1', title: '全场满300减30' }],
    specs: [
      {
        name: '颜色',
        values: [
          { value: '黑', soldOut: false },
          { value: '白', soldOut: false },
          { value: '红', soldOut: true },
        ],
      },
      {
        name: '尺码',
        values: [
          { value: 'M', soldOut: false },
          { value: 'L', soldOut: false },
        ],
      },
    ],
    skus,
    reviews: {
      count: 12,
      avgRating: 4.6,
      goodRate: 92,
      withPhotos: 3,
      top: [
        {
          id: 'r1',
          nickname: '小王',
          avatar: '',
          rating: 5,
          content: '质量很好，尺码标准',
          images: ['/img/r1-a.png', '/img/r1-b.png'],
          specText: '黑 M',
          createdAt: Date.UTC(2026, 0, 2),
        },
      ],
    },
    favorite: false,
  }
}
