/* global window */
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// jsdom lacks IntersectionObserver, which Taro's <Image lazyLoad> uses to defer loading
if (typeof window !== 'undefined' && !window.IntersectionObserver) {
  window.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return []
    }
  }
}
