import { act, render, screen } from '@testing-library/react'
import { ListFooter } from '../../src/components/catalog/ProductGrid'
import { usePaged, type Paged } from '../../src/components/catalog/usePaged'

type Deferred = {
  cursor: string | undefined
  resolve: (p: { items: number[]; cursor: string | null }) => void
}

function Probe({ calls, out }: { calls: Deferred[]; out: { paged?: Paged<number> } }) {
  out.paged = usePaged<number>((cursor) => new Promise((resolve) => calls.push({ cursor, resolve })))
  return null
}

it('a bottom reached while a page loads brings the next page once it lands (no second scroll needed)', async () => {
  const calls: Deferred[] = []
  const out: { paged?: Paged<number> } = {}
  render(<Probe calls={calls} out={out} />)
  act(() => out.paged!.seed({ items: [1, 2], cursor: 'c1' }))
  await act(async () => void out.paged!.loadMore())
  // the shopper is still at the bottom: reach-bottom fires again while page 2 loads
  await act(async () => void out.paged!.loadMore())
  await act(async () => void out.paged!.loadMore())
  expect(calls.map((c) => c.cursor)).toEqual(['c1'])
  await act(async () => calls[0]!.resolve({ items: [3, 4], cursor: 'c2' }))
  // exactly one more page, from where page 2 ended
  expect(calls.map((c) => c.cursor)).toEqual(['c1', 'c2'])
  await act(async () => calls[1]!.resolve({ items: [5], cursor: null }))
  expect(out.paged!.items).toEqual([1, 2, 3, 4, 5])
  expect(calls).toHaveLength(2)
})

it('the footer never leaves the end blank: 加载中…, 上拉加载更多 (tappable), or 没有更多了', () => {
  const onMore = jest.fn()
  const { rerender } = render(<ListFooter loading={false} error={null} hasMore count={20} onMore={onMore} />)
  act(() => screen.getByText('上拉加载更多').click())
  expect(onMore).toHaveBeenCalledTimes(1)
  rerender(<ListFooter loading error={null} hasMore count={20} onMore={onMore} />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  rerender(<ListFooter loading={false} error={null} hasMore={false} count={20} onMore={onMore} />)
  expect(screen.getByText('没有更多了')).toBeTruthy()
})
