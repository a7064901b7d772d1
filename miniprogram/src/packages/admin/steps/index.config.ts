export default definePageConfig({ navigationBarTitleText: '待办步骤' })
