import { render, screen } from '@testing-library/react'
import { PriceBlock } from '../../src/components/catalog/PriceBlock'

const NOW = Date.UTC(2026, 11, 2, 8, 0, 0)
const base = { min: 9900, max: 12900, marketPrice: 15900 }
const prices = () => [...document.querySelectorAll('.price-block__row > *')].map((e) => e.textContent)

it('under a campaign: what the shopper pays and, struck through, the regular price; nothing else', () => {
  const campaign = { id: 'c1', title: '限时特惠', min: 7900, endsAt: NOW + 3 * 86_400_000 + 3_600_000 }
  render(<PriceBlock price={{ ...base, campaign }} now={NOW} />)
  expect(prices()).toEqual(['¥79.00 起', '活动价', '¥99.00'])
  expect(screen.getByText('¥99.00').className).toContain('price-block__market')
  expect(screen.getByText('03天 01:00:00')).toBeTruthy()
})

it('without a campaign: the price and the market price; a member price only when lower', () => {
  render(<PriceBlock price={{ ...base, max: 9900, memberMin: 8900 }} now={NOW} />)
  expect(prices()).toEqual(['¥99.00', '¥159.00'])
  expect(screen.getByText('¥89.00')).toBeTruthy()
})

it('a countdown under a day shows no days', () => {
  const campaign = { id: 'c1', title: '限时特惠', min: 7900, endsAt: NOW + 2 * 3_600_000 }
  render(<PriceBlock price={{ ...base, campaign }} now={NOW} />)
  expect(screen.getByText('02:00:00')).toBeTruthy()
})
