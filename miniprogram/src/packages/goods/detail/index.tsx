import type { ProductCard, ProductDetail, Recommendations } from '@mall/contract'
import { Image, RichText, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { checkoutPath, param } from '../../../components/catalog/paths'
import { PriceBlock } from '../../../components/catalog/PriceBlock'
import { ProductGrid } from '../../../components/catalog/ProductGrid'
import { SkuPicker, type PickerMode } from '../../../components/catalog/SkuPicker'
import { initialSelection, selectedSku, type Selection } from '../../../components/catalog/sku'
import { openPath } from '../../../lib/nav'
import { Button, Empty, GoodsAction, Screen, Skeleton, toast } from '../../../ui'
import { ReviewsSection } from './ReviewsSection'
import { mergeStock } from './stock'
import { noteCart } from '../../../lib/cartBadge'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; product: ProductDetail }

const apiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export default function GoodsDetail() {
  const { params } = useRouter()
  const id = param(params.id) ?? ''
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [recs, setRecs] = useState<Recommendations | null>(null)
  const [selection, setSelection] = useState<Selection>({})
  const [quantity, setQuantity] = useState(1)
  const [picker, setPicker] = useState<{ show: boolean; mode: PickerMode }>({ show: false, mode: 'select' })
  const [busy, setBusy] = useState(false)
  const product = load.state === 'ready' ? load.product : null
  const productRef = useRef<ProductDetail | null>(null)
  productRef.current = product
  // 转发 from the capsule menu: the friend opens this product (h5 opens the same path)
  useShareAppMessage(() => ({
    title: productRef.current?.title ?? '好物推荐',
    path: `/packages/goods/detail/index?id=${encodeURIComponent(id)}`,
    imageUrl: productRef.current?.images[0],
  }))

  const fetchProduct = useCallback(async () => {
    if (!id) return setLoad({ state: 'error', error: new ApiError('NOT_FOUND') })
    setLoad({ state: 'loading' })
    try {
      const p = await call('catalog.product', { id })
      setLoad({ state: 'ready', product: p })
      setSelection(initialSelection(p))
      // recommendations are below the fold: a failure only hides them
      call('catalog.recommend', { spuId: id, limit: 6 })
        .then(setRecs)
        .catch(() => setRecs(null))
    } catch (e) {
      setLoad({ state: 'error', error: apiError(e) })
    }
  }, [id])

  useEffect(() => {
    void fetchProduct()
  }, [fetchProduct])

  /** Reads the current stock of the given SKUs and folds it into the page; returns the fresh rows. */
  const rereadStock = useCallback(async (skuIds: string[]) => {
    const { items } = await call('catalog.skuStock', { skuIds: skuIds.slice(0, 50) })
    setLoad((l) => (l.state === 'ready' ? { state: 'ready', product: mergeStock(l.product, items) } : l))
    return items
  }, [])

  // Coming back from the cart or checkout: stock may have moved while the page was hidden.
  useDidShow(() => {
    const p = productRef.current
    if (p && p.skus.length > 0) void rereadStock(p.skus.map((s) => s.id)).catch(() => undefined)
  })

  const sku = product ? selectedSku(product, selection) : null
  useEffect(() => {
    // keep the quantity inside the chosen SKU's stock
    if (sku && sku.stock > 0 && quantity > sku.stock) setQuantity(sku.stock)
  }, [sku, quantity])

  const confirm = async (mode: 'cart' | 'buy') => {
    if (!product || busy) return
    if (!sku) {
      const missing = product.specs.filter((s) => !selection[s.name]).map((s) => s.name)
      return toast(missing.length > 0 ? `请选择 ${missing.join(' ')}` : '该规格暂不可售')
    }
    setBusy(true)
    try {
      const fresh = (await rereadStock([sku.id])).find((s) => s.skuId === sku.id)
      if (!fresh || fresh.status === 'offShelf') return toast('商品已下架')
      if (fresh.soldOut || fresh.stock <= 0) return toast('该规格已售罄')
      if (fresh.stock < quantity) {
        setQuantity(fresh.stock)
        return toast(`库存不足，仅剩${fresh.stock}件`)
      }
      if (mode === 'buy') {
        setPicker((p) => ({ ...p, show: false }))
        return openPath(checkoutPath(sku.id, quantity))
      }
      noteCart(await call('cart.add', { skuId: sku.id, quantity }))
      setPicker((p) => ({ ...p, show: false }))
      toast('已加入购物车', 'success')
    } catch (e) {
      toast(apiError(e).message, 'fail')
    } finally {
      setBusy(false)
    }
  }

  const toggleFavorite = async () => {
    if (!product) return
    const next = !product.favorite
    try {
      if (next) await call('user.favorites.add', { spuId: product.id })
      else await call('user.favorites.remove', { spuIds: [product.id] })
      setLoad((l) =>
        l.state === 'ready' ? { state: 'ready', product: { ...l.product, favorite: next } } : l,
      )
      toast(next ? '已收藏' : '已取消收藏')
    } catch (e) {
      toast(apiError(e).message, 'fail')
    }
  }

  if (load.state === 'loading')
    return (
      <Screen className="goods-detail">
        <View className="goods-detail__gallery goods-detail__gallery--placeholder" />
        <Skeleton loading rows={5} title />
      </Screen>
    )
  if (load.state === 'error')
    return (
      <Screen className="goods-detail">
        <Empty
          image={load.error.code === 'NOT_FOUND' ? 'default' : 'network'}
          description={load.error.message}
        >
          {load.error.code === 'NOT_FOUND' ? null : (
            <Button type="danger" round size="small" onClick={() => void fetchProduct()}>
              重新加载
            </Button>
          )}
        </Empty>
      </Screen>
    )

  const p = load.product
  const offShelf = p.status === 'offShelf'
  const allSoldOut = p.skus.every((s) => s.soldOut)
  const missing = p.specs.filter((s) => !selection[s.name]).map((s) => s.name)
  const openPicker = (mode: PickerMode) => setPicker({ show: true, mode })
  return (
    <Screen className="goods-detail">
      <Gallery images={p.images} />
      <PriceBlock price={p.price} now={Date.now()} />
      <View className="goods-detail__info">
        <View className="goods-detail__title">{p.title}</View>
        {p.subtitle ? <View className="goods-detail__subtitle">{p.subtitle}</View> : null}
        <View className="goods-detail__meta">
          {p.brand ? <Text>{p.brand.name}</Text> : null}
          <Text>已售 {p.sales}</Text>
        </View>
        {p.promotions.map((promo) => (
          <View key={promo.id} className="goods-detail__promotion">
            <Text className="goods-detail__promotion-tag">满减</Text>
            {promo.title}
          </View>
        ))}
      </View>
      {offShelf ? <View className="goods-detail__notice">该商品已下架</View> : null}
      {!offShelf && allSoldOut ? <View className="goods-detail__notice">该商品已售罄</View> : null}
      <View className="goods-detail__section goods-detail__chosen" onClick={() => openPicker('select')}>
        <Text className="goods-detail__chosen-label">{missing.length > 0 ? '选择' : '已选'}</Text>
        <Text className="goods-detail__chosen-value">
          {missing.length > 0 ? `请选择 ${missing.join(' ')}` : `${sku?.specText ?? ''} ×${quantity}`}
        </Text>
        <Text className="goods-detail__arrow">›</Text>
      </View>
      <ReviewsSection spuId={p.id} summary={p.reviews} />
      {p.params.length > 0 ? (
        <View className="goods-detail__section">
          <View className="goods-detail__section-title">商品参数</View>
          <View className="goods-params">
            {p.params.map((row) => (
              <View key={row.name} className="goods-params__row">
                <Text className="goods-params__name">{row.name}</Text>
                <Text className="goods-params__value">{row.value}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className="goods-detail__section goods-detail__rich">
        <View className="goods-detail__section-title">商品详情</View>
        {p.detail.map((block, i) =>
          block.type === 'text' ? (
            <RichText key={i} className="goods-detail__text" nodes={[{ type: 'text', text: block.text }]} />
          ) : (
            <Image key={i} className="goods-detail__image" src={block.src} mode="widthFix" lazyLoad />
          ),
        )}
      </View>
      {recs ? <RecommendBlock recs={recs} /> : null}
      <View className="goods-detail__spacer" />
      <GoodsAction
        icons={[
          {
            icon: 'service-o',
            text: '客服',
            openType: 'contact',
            onClick: () => toast('请在微信小程序中联系客服'),
          },
          {
            icon: p.favorite ? 'star' : 'star-o',
            text: p.favorite ? '已收藏' : '收藏',
            onClick: () => void toggleFavorite(),
          },
          { icon: 'cart-o', text: '购物车', onClick: () => openPath('/pages/cart/index') },
        ]}
        buttons={[
          {
            text: '加入购物车',
            type: 'warning',
            disabled: offShelf || allSoldOut,
            onClick: () => openPicker('cart'),
          },
          {
            text: '立即购买',
            type: 'danger',
            disabled: offShelf || allSoldOut,
            onClick: () => openPicker('buy'),
          },
        ]}
      />
      <SkuPicker
        show={picker.show}
        mode={picker.mode}
        product={p}
        selection={selection}
        quantity={quantity}
        busy={busy}
        onSelect={setSelection}
        onQuantity={setQuantity}
        onConfirm={(mode) => void confirm(mode)}
        onClose={() => setPicker((s) => ({ ...s, show: false }))}
      />
    </Screen>
  )
}

function Gallery({ images }: { images: string[] }) {
  const [current, setCurrent] = useState(0)
  if (images.length === 0)
    return <View className="goods-detail__gallery goods-detail__gallery--placeholder" />
  return (
    <View className="goods-detail__gallery-wrap">
      <Swiper className="goods-detail__gallery" onChange={(e) => setCurrent(e.detail.current)}>
        {images.map((src) => (
          <SwiperItem key={src}>
            <Image
              className="goods-detail__gallery-image"
              src={src}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls: images, current: src })}
            />
          </SwiperItem>
        ))}
      </Swiper>
      <View className="goods-detail__gallery-index">
        {current + 1}/{images.length}
      </View>
    </View>
  )
}

const SECTIONS: Array<{ key: keyof Recommendations; title: string }> = [
  { key: 'sameCategory', title: '同类推荐' },
  { key: 'boughtTogether', title: '买了又买' },
  { key: 'forYou', title: '猜你喜欢' },
]

function RecommendBlock({ recs }: { recs: Recommendations }) {
  return (
    <View className="goods-detail__recommend">
      {SECTIONS.filter((s) => recs[s.key].length > 0).map((s) => (
        <View key={s.key} className={`goods-recommend goods-recommend--${s.key}`}>
          <View className="goods-recommend__title">{s.title}</View>
          <ProductGrid items={recs[s.key] as ProductCard[]} />
        </View>
      ))}
    </View>
  )
}
