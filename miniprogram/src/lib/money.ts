// Display formatting of integer fen lives in the domain; the app imports it from here so pages never
// touch @mall/domain's internals. formatYuan: 1230 -> '12.30'; formatPrice: 1230 -> '¥12.30'.
export { formatPrice, formatYuan } from '@mall/domain'
