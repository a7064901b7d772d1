export default definePageConfig({ navigationBarTitleText: '售后单详情' })
