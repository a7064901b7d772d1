export default definePageConfig({ navigationBarTitleText: '充值套餐' })
