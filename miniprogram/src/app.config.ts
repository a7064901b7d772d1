import { vantUsingComponents } from './ui/vant'

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/goods', pages: ['detail/index', 'search/index'] },
    { root: 'packages/order', pages: ['list/index', 'checkout/index', 'detail/index', 'review/index'] },
    {
      root: 'packages/user',
      pages: ['addresses/index', 'addresses/edit/index', 'favorites/index', 'footprints/index', 'member/index', 'points/index', 'privacy/index', 'profile/index', 'phone/index'],
    },
    { root: 'packages/marketing', pages: ['coupons/index'] },
    // wallet: balance, buckets, history and recharge
    { root: 'packages/wallet', pages: ['index/index', 'recharge/index', 'withdraw/index'] },
    // after-sales: opened from the order pages, never from the main package
    { root: 'packages/aftersale', pages: ['apply/index', 'detail/index', 'list/index'] },
    // merchant area: reachable by path only, nothing in the shopper UI links here
    {
      root: 'packages/admin',
      pages: [
        'index/index',
        'steps/index',
        'aftersales/index',
        'aftersales/detail/index',
        'reviews/index',
        'members/index',
        'members/detail/index',
        'levels/index',
        'recharge/index',
        'withdrawals/index',
      ],
    },
  ],
  // global so that pages, subpackages and Taro's recursive `comp` template can all render van-* tags
  usingComponents: vantUsingComponents(process.env.TARO_ENV),
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '微商城',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f7f8fa',
  },
  tabBar: {
    color: '#7d7e80',
    selectedColor: '#ee0a24',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
      {
        pagePath: 'pages/cart/index',
        text: '购物车',
        iconPath: 'assets/tab/cart.png',
        selectedIconPath: 'assets/tab/cart-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
