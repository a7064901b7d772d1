export default definePageConfig({ navigationBarTitleText: '评价管理' })
