// Taro's own React wrappers of its h5 web components (what the h5 build renders by default).
module.exports = require('@tarojs/components/lib/react')
