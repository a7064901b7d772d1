// On weapp the identity comes from WeChat itself (getWXContext on the server): nothing to pick.
export function DevIdentityPicker() {
  return null
}
