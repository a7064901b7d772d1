/** Fixed vocabulary of the demo shop: category tree, fictional brands, spec dimensions per top category. */
import type { Rgb, Shape } from './png'

export interface TopCategory {
  name: string
  colour: Rgb
  /** [price low, price high] in fen for a product's base SKU */
  price: [number, number]
  brands: string[]
  /** spec dimensions: the first varies colour-like, the second size-like */
  specs: Array<{ name: string; values: string[] }>
  params: Array<[string, string[]]>
  children: Array<{ name: string; children: string[] }>
  shape: Shape
}

export const TOP_CATEGORIES: TopCategory[] = [
  {
    name: '手机数码',
    colour: [64, 120, 220],
    price: [59900, 699900],
    brands: ['星辰', '云帆', '极光', '远山'],
    specs: [
      { name: '颜色', values: ['曜石黑', '星光白', '远峰蓝', '暮光紫'] },
      { name: '存储', values: ['128GB', '256GB', '512GB'] },
    ],
    params: [
      ['屏幕尺寸', ['6.1英寸', '6.7英寸', '11英寸']],
      ['电池容量', ['4500mAh', '5000mAh', '8000mAh']],
      ['产地', ['深圳', '东莞', '重庆']],
    ],
    children: [
      { name: '手机', children: ['5G手机', '游戏手机', '老人机'] },
      { name: '平板电脑', children: ['学习平板', '办公平板', '娱乐平板'] },
      { name: '智能穿戴', children: ['智能手表', '运动手环', '蓝牙耳机'] },
    ],
    shape: 'square',
  },
  {
    name: '电脑办公',
    colour: [90, 90, 110],
    price: [9900, 899900],
    brands: ['青石', '墨客', '方舟', '启明'],
    specs: [
      { name: '颜色', values: ['深空灰', '银色', '午夜蓝'] },
      { name: '配置', values: ['标准版', '高配版', '旗舰版'] },
    ],
    params: [
      ['处理器', ['八核', '十二核', '十六核']],
      ['重量', ['1.2kg', '1.5kg', '2.1kg']],
      ['产地', ['昆山', '重庆', '成都']],
    ],
    children: [
      { name: '笔记本', children: ['轻薄本', '游戏本', '商务本'] },
      { name: '电脑外设', children: ['键盘', '鼠标', '显示器'] },
      { name: '办公设备', children: ['打印机', '投影仪', '碎纸机'] },
    ],
    shape: 'diamond',
  },
  {
    name: '家用电器',
    colour: [40, 160, 140],
    price: [9900, 299900],
    brands: ['暖居', '清风', '小满', '家和'],
    specs: [
      { name: '颜色', values: ['奶白', '浅灰', '樱花粉'] },
      { name: '规格', values: ['标准款', '尊享款'] },
    ],
    params: [
      ['额定功率', ['800W', '1200W', '2000W']],
      ['能效等级', ['一级', '二级']],
      ['产地', ['佛山', '宁波', '中山']],
    ],
    children: [
      { name: '厨房电器', children: ['电饭煲', '微波炉', '破壁机'] },
      { name: '生活电器', children: ['吸尘器', '加湿器', '电风扇'] },
      { name: '个护电器', children: ['电动牙刷', '吹风机', '剃须刀'] },
    ],
    shape: 'circle',
  },
  {
    name: '服饰鞋包',
    colour: [220, 110, 90],
    price: [5900, 99900],
    brands: ['木棉', '素衣', '行者', '简屿'],
    specs: [
      { name: '颜色', values: ['黑色', '白色', '卡其', '藏青'] },
      { name: '尺码', values: ['S', 'M', 'L'] },
    ],
    params: [
      ['面料', ['纯棉', '羊毛混纺', '涤纶']],
      ['适用季节', ['春秋', '夏季', '冬季']],
      ['产地', ['杭州', '广州', '泉州']],
    ],
    children: [
      { name: '女装', children: ['连衣裙', 'T恤', '外套'] },
      { name: '男装', children: ['衬衫', '夹克', '休闲裤'] },
      { name: '鞋靴', children: ['运动鞋', '皮鞋', '帆布鞋'] },
    ],
    shape: 'triangle',
  },
  {
    name: '食品生鲜',
    colour: [230, 160, 40],
    price: [990, 29900],
    brands: ['知味', '山野', '田园', '果然'],
    specs: [
      { name: '规格', values: ['250g', '500g', '1kg'] },
      { name: '包装', values: ['袋装', '礼盒装'] },
    ],
    params: [
      ['保质期', ['7天', '180天', '12个月']],
      ['储存方式', ['冷藏', '常温', '阴凉干燥处']],
      ['产地', ['云南', '新疆', '福建']],
    ],
    children: [
      { name: '休闲零食', children: ['坚果', '饼干', '糖果'] },
      { name: '生鲜水果', children: ['苹果', '柑橘', '车厘子'] },
      { name: '酒水饮料', children: ['茶叶', '咖啡', '果汁'] },
    ],
    shape: 'ring',
  },
  {
    name: '美妆个护',
    colour: [200, 90, 160],
    price: [2900, 59900],
    brands: ['悦己', '花间', '水漾', '初见'],
    specs: [
      { name: '规格', values: ['30ml', '50ml', '100ml'] },
      { name: '版本', values: ['单支装', '套装'] },
    ],
    params: [
      ['适用肤质', ['任何肤质', '干性', '油性']],
      ['功效', ['保湿', '清洁', '修护']],
      ['产地', ['上海', '广州', '苏州']],
    ],
    children: [
      { name: '面部护肤', children: ['面霜', '精华', '面膜'] },
      { name: '彩妆', children: ['口红', '粉底', '眼影'] },
      { name: '洗护', children: ['洗发水', '沐浴露', '牙膏'] },
    ],
    shape: 'stripes',
  },
]

export const TITLE_WORDS = [
  '经典款',
  'Pro',
  '青春版',
  '旗舰款',
  '轻享版',
  '2026新款',
  '畅销款',
  'Max',
  '尊享版',
  '简约款',
]

/** The merchant's own tags; 限时特惠 is not one: the catalogue adds it where a discount really runs. */
export const TAGS = ['新品', '热卖', '包邮', '官方正品', '七天无理由', '顺丰发货']

export const REVIEW_TEXTS = [
  '质量很好，做工精细，和描述的一样，物流也很快。',
  '包装完好，用了几天感觉不错，值得购买。',
  '性价比很高，已经推荐给朋友了。',
  '颜色很正，尺寸合适，家里人都说好看。',
  '客服态度很好，有问题很快就解决了。',
  '一般般吧，中规中矩，价格再低一点就好了。',
  '第二次回购了，一如既往的好。',
  '发货有点慢，不过东西还可以。',
  '收到有点小瑕疵，联系客服处理了，态度不错。',
  '超出预期，手感很好，五星好评！',
]

export const NICKNAMES = ['小鱼', '阿杰', '晴天', '大橙子', '木木', '糖糖', '老王', '小米粒', '春风', '七七']

export const DETAIL_TEXTS = [
  '精选优质材料，经过多道工序严格品控，每一件都经得起日常使用的考验。',
  '简约而不简单的设计，兼顾美观与实用，适合多种生活场景。',
  '官方正品保障，全国联保，支持七天无理由退换货，购物更安心。',
  '贴心的细节处理，让每一次使用都舒适顺手。',
]

export const DEMO_SHOPPERS = [
  { name: '张小明', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园南区 8 栋 1201' },
  {
    name: '李晓红',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 90 号 3 单元 502',
  },
  {
    name: '王大力',
    province: '北京市',
    city: '北京市',
    district: '朝阳区',
    detail: '望京街道 10 号院 6 号楼 803',
  },
  {
    name: '陈美玲',
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    detail: '天府大道北段 1700 号 2-1-1602',
  },
]
