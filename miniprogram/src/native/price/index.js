/* global Component */
// Native price tag: integer fen in, "¥12.34" out. Plain WXML so long product lists render without
// a React round-trip per price.
function formatYuan(fen) {
  if (typeof fen !== 'number' || !Number.isInteger(fen) || fen < 0) return null
  var cents = fen % 100
  return { yuan: String(Math.floor(fen / 100)), cents: cents < 10 ? '0' + cents : String(cents) }
}

Component({
  properties: {
    fen: { type: Number, value: 0 },
    origin: { type: Number, value: -1 },
  },
  data: { yuan: '0', cents: '00', valid: true, originText: '' },
  observers: {
    'fen, origin': function (fen, origin) {
      var parts = formatYuan(fen)
      var o = formatYuan(origin)
      this.setData({
        valid: parts !== null,
        yuan: parts ? parts.yuan : '--',
        cents: parts ? parts.cents : '',
        originText: o && origin > fen ? '¥' + o.yuan + '.' + o.cents : '',
      })
    },
  },
  methods: {
    onTap: function () {
      this.triggerEvent('pricetap', { fen: this.data.fen })
    },
  },
})
