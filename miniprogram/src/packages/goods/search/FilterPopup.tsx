import type { CategoryNode } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../../api'
import { Button, Checkbox, Field, Popup, toast } from '../../../ui'
import { NO_FILTERS, parseYuan, yuanText, type Filters } from './filters'

interface Props {
  show: boolean
  value: Filters
  brands: Array<{ id: string; name: string }>
  onClose: () => void
  onApply: (filters: Filters) => void
}

/** Edits a draft; nothing reaches the search until 确定. */
export function FilterPopup(p: Props) {
  const [draft, setDraft] = useState<Filters>(p.value)
  const [minText, setMinText] = useState('')
  const [maxText, setMaxText] = useState('')
  const [tree, setTree] = useState<CategoryNode[] | null>(null)

  // The draft restarts from the applied filters in the same render that opens the popup (not in an effect
  // afterwards), so a tap in the popup's first moment is never overwritten.
  const [openedWith, setOpenedWith] = useState<Filters | null>(null)
  if (p.show && openedWith !== p.value) {
    setOpenedWith(p.value)
    setDraft(p.value)
    setMinText(yuanText(p.value.minPrice))
    setMaxText(yuanText(p.value.maxPrice))
  } else if (!p.show && openedWith !== null) setOpenedWith(null)

  useEffect(() => {
    // the category choices are only needed once the popup opens
    if (p.show && tree === null)
      call('catalog.categories', {})
        .then((r) => setTree(r.tree))
        .catch(() => setTree([]))
  }, [p.show])

  const apply = () => {
    const min = parseYuan(minText)
    const max = parseYuan(maxText)
    if (min === 'invalid' || max === 'invalid') return toast('请输入正确的价格')
    if (min !== undefined && max !== undefined && min > max) return toast('最低价不能高于最高价')
    p.onApply({ ...draft, minPrice: min, maxPrice: max })
  }
  const toggleBrand = (id: string) =>
    setDraft((d) => ({
      ...d,
      brandIds: d.brandIds.includes(id) ? d.brandIds.filter((b) => b !== id) : [...d.brandIds, id],
    }))
  const level1 = tree ?? []
  const categories =
    draft.categoryId && draft.categoryName && !level1.some((c) => c.id === draft.categoryId)
      ? [{ id: draft.categoryId, name: draft.categoryName }, ...level1]
      : level1
  const pickCategory = (c: { id: string; name: string }) =>
    setDraft((d) =>
      d.categoryId === c.id
        ? { ...d, categoryId: undefined, categoryName: undefined }
        : { ...d, categoryId: c.id, categoryName: c.name },
    )

  return (
    <Popup show={p.show} position="bottom" round closeable onClose={p.onClose}>
      <View className="filters">
        <View className="filters__title">筛选</View>
        <View className="filters__group">
          <View className="filters__label">价格区间（元）</View>
          <View className="filters__price">
            <View className="filters__price-field filters__price-min">
              <Field value={minText} type="digit" placeholder="最低价" onChange={setMinText} />
            </View>
            <Text className="filters__dash">—</Text>
            <View className="filters__price-field filters__price-max">
              <Field value={maxText} type="digit" placeholder="最高价" onChange={setMaxText} />
            </View>
          </View>
        </View>
        {p.brands.length > 0 ? (
          <View className="filters__group">
            <View className="filters__label">品牌</View>
            <View>
              {p.brands.map((b) => (
                <Text
                  key={b.id}
                  className={`chip filters__brand${draft.brandIds.includes(b.id) ? ' chip--active' : ''}`}
                  onClick={() => toggleBrand(b.id)}
                >
                  {b.name}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        {categories.length > 0 ? (
          <View className="filters__group">
            <View className="filters__label">分类</View>
            <View>
              {categories.map((c) => (
                <Text
                  key={c.id}
                  className={`chip filters__category${draft.categoryId === c.id ? ' chip--active' : ''}`}
                  onClick={() => pickCategory(c)}
                >
                  {c.name}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        <View className="filters__group filters__switches">
          <Checkbox
            checked={draft.inStock}
            shape="square"
            onChange={(v) => setDraft((d) => ({ ...d, inStock: v }))}
          >
            仅看有货
          </Checkbox>
          <Checkbox
            checked={draft.onPromotion}
            shape="square"
            onChange={(v) => setDraft((d) => ({ ...d, onPromotion: v }))}
          >
            促销商品
          </Checkbox>
        </View>
        <View className="filters__actions">
          <View className="filters__action">
            <Button
              round
              block
              onClick={() => {
                setDraft(NO_FILTERS)
                setMinText('')
                setMaxText('')
              }}
            >
              重置
            </Button>
          </View>
          <View className="filters__action">
            <Button type="danger" round block onClick={apply}>
              确定
            </Button>
          </View>
        </View>
      </View>
    </Popup>
  )
}
