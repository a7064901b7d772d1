import type { DevIdentity } from './index'

export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

/**
 * The people-facing dev sign-in: choosing a user writes the h5 app's persisted session (Taro h5 storage wraps
 * values as {data}; the app's persist() adds {v, state}) and opens the shop as that user.
 */
export function signinPage(identities: DevIdentity[]): string {
  const rows = identities
    .map(
      (
        i,
      ) => `<li><button data-openid="${escapeHtml(i.openid)}" data-name="${escapeHtml(i.name)}">${escapeHtml(i.name)}</button>
        <span class="role">${i.role === 'admin' ? '管理员' : '顾客'}</span> <code>${escapeHtml(i.openid)}</code></li>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地开发登录</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:640px;margin:2em auto;padding:0 1em;color:#222}
ul{list-style:none;padding:0}li{margin:.5em 0}button{min-width:8em;padding:.4em 1em;cursor:pointer}
.role{color:#666;margin:0 .5em}code{color:#555}
</style></head><body>
<h1>本地开发登录</h1>
<p>选择一个测试身份，然后以该身份打开商城（仅限本地模拟器）。</p>
<ul>${rows || '<li>没有测试身份（数据尚未初始化？）</li>'}</ul>
<p><a href="/">打开商城</a> · <a href="/__console">模拟器控制台</a></p>
<script>
document.querySelectorAll('button[data-openid]').forEach(function (b) {
  b.addEventListener('click', function () {
    var identity = { openid: b.dataset.openid, name: b.dataset.name }
    localStorage.setItem('mall:session', JSON.stringify({ data: { v: 1, state: { devIdentity: identity } } }))
    location.href = '/'
  })
})
</script></body></html>`
}
