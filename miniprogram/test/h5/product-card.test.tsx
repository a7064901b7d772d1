import { render, screen } from '@testing-library/react'
import type { ProductCard as Product } from '@mall/contract'
import { ProductCard } from '../../src/components/ProductCard'

const base: Product = { id: 'p1', title: '无线蓝牙耳机', image: '', price: 19900, sales: 12, tags: [] }

describe('product card prices', () => {
  it('shows the list price and the member price when no campaign runs', () => {
    render(<ProductCard product={{ ...base, memberPrice: 18900 }} />)
    expect(screen.getByText('¥199.00')).toBeTruthy()
    expect(screen.getByText('会员 ¥189.00')).toBeTruthy()
  })

  it('leads with the campaign price that checkout charges, the list price struck through', () => {
    render(<ProductCard product={{ ...base, memberPrice: 18900, campaignPrice: 16915 }} />)
    expect(screen.getByText('¥169.15').className).toContain('product-card__price--campaign')
    expect(screen.getByText('¥199.00').className).toContain('product-card__market')
    expect(screen.queryByText('会员 ¥189.00')).toBeNull()
  })
})
