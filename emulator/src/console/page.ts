/**
 * The dev console: one self-contained page (no build step, no dependencies). It reads the console API and the
 * SERVICES parts' JSON routes (`/__emulator/openapi/records`, `/__emulator/pay/...`) and shows whatever shape
 * they answer as tables, so it keeps working while those parts evolve.
 */
export function consolePage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>本地云开发模拟器 · 控制台</title>
<style>
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f6f8fa}
header{display:flex;align-items:center;gap:1em;padding:.6em 1em;background:#07c160;color:#fff;flex-wrap:wrap}
header h1{font-size:16px;margin:0}header .clock{margin-left:auto;font-variant-numeric:tabular-nums}
header button{background:#fff;color:#07c160;border:0;border-radius:4px;padding:.25em .7em;cursor:pointer;font-weight:600}
nav{display:flex;gap:0;background:#fff;border-bottom:1px solid #d0d7de;padding:0 1em}
nav a{padding:.6em 1em;color:#57606a;text-decoration:none;border-bottom:2px solid transparent;cursor:pointer}
nav a.on{color:#1f2328;border-bottom-color:#07c160;font-weight:600}
main{padding:1em}section{display:none}section.on{display:block}
.row{display:flex;gap:1em;align-items:flex-start}.side{width:220px;flex:none}.grow{flex:1;min-width:0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.8em;margin-bottom:1em}
.list a{display:flex;justify-content:space-between;padding:.25em .4em;border-radius:4px;color:#1f2328;text-decoration:none;cursor:pointer}
.list a:hover,.list a.on{background:#dafbe1}
textarea,input,select{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;border:1px solid #d0d7de;border-radius:4px;padding:.3em .5em}
textarea{width:100%;height:4.5em}label{display:block;color:#57606a;font-size:12px;margin-top:.4em}
button.act{background:#07c160;color:#fff;border:0;border-radius:4px;padding:.35em .9em;cursor:pointer}
button.sm{font-size:12px;padding:.15em .5em;margin-right:.3em;border:1px solid #d0d7de;background:#fff;border-radius:4px;cursor:pointer}
button.warn{color:#cf222e}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border-bottom:1px solid #eaeef2;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}
td.json{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;max-width:520px}
.ok{color:#1a7f37}.err{color:#cf222e}.muted{color:#6e7781}.tag{font-size:12px;padding:0 .4em;border-radius:8px;background:#eaeef2}
pre{margin:0 0 .6em;padding:.5em;background:#f6f8fa;border-radius:4px;font-size:12px;white-space:pre-wrap;word-break:break-all}
#toast{position:fixed;bottom:1em;right:1em;background:#1f2328;color:#fff;padding:.5em 1em;border-radius:4px;display:none}
</style></head><body>
<header><h1>本地云开发模拟器</h1><span>控制台</span>
<span class="clock">模拟时间：<b id="clock">…</b> <span id="offset" class="muted" style="color:#dafbe1"></span></span>
<button data-adv="60000">+1 分钟</button><button data-adv="900000">+15 分钟</button><button data-adv="86400000">+1 天</button>
</header>
<nav>
<a data-tab="db" class="on">数据库</a><a data-tab="fn">云函数调用</a><a data-tab="msg">短信 / 订阅消息 / 发货</a><a data-tab="pay">支付</a><a data-tab="clock">时钟</a><a data-tab="steps">待办步骤 / 死信</a><a data-tab="fault">故障注入</a>
</nav>
<main>
<section id="db" class="on"><div class="row">
 <div class="side card"><b>集合</b><div id="collections" class="list muted">加载中…</div></div>
 <div class="grow">
  <div class="card">
   <div>集合：<b id="coll">（请选择）</b></div>
   <label>筛选条件（JSON，Mongo 风格，例如 {"status":"PAID"}）</label><textarea id="filter">{}</textarea>
   <div class="row"><div class="grow"><label>排序（JSON，例如 {"createdAt":-1}）</label><input id="sort" style="width:100%" value=""></div>
   <div><label>条数</label><input id="limit" type="number" value="20" min="1" max="500" style="width:6em"></div>
   <div><label>&nbsp;</label><button class="act" id="run">查询</button></div></div>
  </div>
  <div id="docs" class="muted">选择左侧集合查看数据。</div>
 </div></div></section>
<section id="fn"><div class="card"><b>最近的调用</b> <span class="muted">（每 2 秒自动刷新）</span>
 <span id="fnnames" class="muted"></span></div><div id="invocations"></div></section>
<section id="msg"><div class="card">
 <button class="sm" data-kind="">全部</button><button class="sm" data-kind="sms">短信</button>
 <button class="sm" data-kind="subscribe">订阅消息</button><button class="sm" data-kind="shipping">发货信息</button>
 <button class="sm" id="msgreload">刷新</button></div><div id="records"></div></section>
<section id="pay"><div class="card"><b>支付订单</b> <span class="muted">（沙箱：可手动支付成功、失败或退款）</span>
 <button class="sm" id="payreload">刷新</button></div><div id="orders"></div></section>
<section id="clock"><div class="card">
 <p>当前模拟时间（北京时间）：<b id="clock2">…</b></p><p>相对真实时间的偏移：<b id="offset2">…</b></p>
 <p><button class="act" data-adv="60000">+1 分钟</button> <button class="act" data-adv="900000">+15 分钟</button>
 <button class="act" data-adv="86400000">+1 天</button></p>
 <p class="muted">时间只会向前推进；推进后会立即运行到期的定时触发器（每个触发器最多补跑一次）。</p>
</div></section>
<section id="steps"><div class="card"><b>待执行与失败的步骤</b>
 <span class="muted">（资金、库存、优惠券、积分、消息的后续步骤：随状态变化在同一事务写入 outbox，立即执行；崩溃遗留的由 cron 在宽限期后补做，多次失败进入死信）</span>
 <button class="sm" id="stepsreload">刷新</button></div>
 <div class="card"><b>死信</b></div><div id="dead"></div>
 <div class="card"><b>待执行</b></div><div id="pending"></div>
 <div class="card"><b>资金异常</b> <span class="muted">（重复支付等，已自动退款）</span></div><div id="anomalies"></div></section>
<section id="fault"><div class="row">
 <div class="card grow"><b>崩溃：在第 k 次数据库写入时杀掉函数进程</b>
  <div class="row"><div><label>云函数</label><select id="fcfn" class="fnsel"></select></div>
  <div><label>第几次写入（k）</label><input id="fck" type="number" min="1" value="1" style="width:6em"></div>
  <div><label>时机</label><select id="fcwhen"><option value="before">写入前（不写入）</option><option value="after">写入后（已提交）</option></select></div>
  <div><label>&nbsp;</label><button class="act" id="fcarm">布置</button></div></div>
  <p class="muted">只对布置之后开始的下一次调用生效，触发一次即解除。事务内的写入不计数，提交算一次写入。</p></div>
 <div class="card grow"><b>调用失败：第 k 次开放接口 / 云支付调用返回系统错误</b>
  <div class="row"><div><label>云函数</label><select id="fffn" class="fnsel"></select></div>
  <div><label>第几次调用（k）</label><input id="ffk" type="number" min="1" value="1" style="width:6em"></div>
  <div><label>类型</label><select id="ffkind"><option value="any">全部</option><option value="openapi">开放接口</option><option value="cloudPay">云支付</option></select></div>
  <div><label>&nbsp;</label><button class="act" id="ffarm">布置</button></div></div></div>
</div>
<div class="card"><b>已布置</b> <button class="sm warn" id="fclear">全部清除</button><button class="sm" id="freload">刷新</button></div>
<div id="farmed"></div><div class="card"><b>已触发</b></div><div id="ffired"></div></section>
</main>
<div id="toast"></div>
<script>
var $ = function (id) { return document.getElementById(id) }
var current = null, kind = ''
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] }) }
function toast(t) { var el = $('toast'); el.textContent = t; el.style.display = 'block'; clearTimeout(toast.h); toast.h = setTimeout(function () { el.style.display = 'none' }, 2500) }
function dur(ms) { var m = Math.round(ms / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60); return (d ? d + ' 天 ' : '') + (h ? h + ' 小时 ' : '') + (m % 60) + ' 分钟' }
function fmt(ms) { return new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) }
function get(url) { return fetch(url).then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message || r.status); return b }) }) }
function post(url, body) { return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) }).then(function (r) { return r.json().then(function (b) { if (!r.ok || b.ok === false) throw new Error(b.message || r.status); return b }) }) }
function cell(v) { if (v === null || v === undefined) return '<td class="muted">—</td>'; if (typeof v === 'object') return '<td class="json">' + esc(JSON.stringify(v)) + '</td>'; return '<td>' + esc(v) + '</td>' }
function table(rows, cols, extra) {
  if (!rows.length) return '<div class="card muted">暂无记录</div>'
  cols = cols || Object.keys(rows.reduce(function (a, r) { Object.keys(r).forEach(function (k) { a[k] = 1 }); return a }, {}))
  var h = '<table><tr>' + cols.map(function (c) { return '<th>' + esc(c) + '</th>' }).join('') + (extra ? '<th>操作</th>' : '') + '</tr>'
  rows.forEach(function (r) { h += '<tr>' + cols.map(function (c) { return cell(r[c]) }).join('') + (extra ? '<td>' + extra(r) + '</td>' : '') + '</tr>' })
  return h + '</table>'
}
function listOf(b, keys) { if (Array.isArray(b)) return b; for (var i = 0; i < keys.length; i++) if (b && Array.isArray(b[keys[i]])) return b[keys[i]]; return [] }

function tabs() {
  document.querySelectorAll('nav a').forEach(function (a) {
    a.onclick = function () {
      document.querySelectorAll('nav a').forEach(function (x) { x.classList.toggle('on', x === a) })
      document.querySelectorAll('section').forEach(function (s) { s.classList.toggle('on', s.id === a.dataset.tab) })
      refreshTab()
    }
  })
}
function tab() { var a = document.querySelector('nav a.on'); return a ? a.dataset.tab : 'db' }
function refreshTab() { var t = tab(); if (t === 'db') collections(); if (t === 'fn') invocations(); if (t === 'msg') records(); if (t === 'pay') orders(); if (t === 'fault') faults(); if (t === 'steps') steps() }

function clock() {
  return get('/__emulator/console/clock').then(function (c) {
    $('clock').textContent = fmt(c.now); $('clock2').textContent = fmt(c.now)
    var off = c.offsetMs ? '（已快进 ' + dur(c.offsetMs) + '）' : ''
    $('offset').textContent = off; $('offset2').textContent = dur(c.offsetMs)
  }).catch(function () { $('clock').textContent = '无法连接模拟器' })
}
document.querySelectorAll('[data-adv]').forEach(function (b) {
  b.onclick = function () {
    b.disabled = true
    post('/__emulator/console/clock', { advanceMs: Number(b.dataset.adv) }).then(function () { toast('时间已推进，到期的定时任务已运行'); clock(); refreshTab() })
      .catch(function (e) { toast('推进失败：' + e.message) }).then(function () { b.disabled = false })
  }
})

function collections() {
  get('/__emulator/console/collections').then(function (b) {
    var el = $('collections'); el.classList.remove('muted')
    el.innerHTML = b.collections.map(function (c) { return '<a data-c="' + esc(c.name) + '"' + (c.name === current ? ' class="on"' : '') + '><span>' + esc(c.name) + '</span><span class="muted">' + c.count + '</span></a>' }).join('') || '<span class="muted">没有集合</span>'
    el.querySelectorAll('a').forEach(function (a) { a.onclick = function () { current = a.dataset.c; $('coll').textContent = current; collections(); query() } })
  }).catch(function (e) { $('collections').textContent = e.message })
}
function query() {
  if (!current) return toast('请先选择集合')
  var filter, sort
  try { filter = JSON.parse($('filter').value || '{}'); sort = $('sort').value.trim() ? JSON.parse($('sort').value) : undefined } catch (e) { return toast('JSON 格式错误：' + e.message) }
  post('/__emulator/console/find', { collection: current, filter: filter, sort: sort, limit: Number($('limit').value) || 20 })
    .then(function (b) { $('docs').classList.remove('muted'); $('docs').innerHTML = '<div class="muted">' + b.docs.length + ' 条</div>' + b.docs.map(function (d) { return '<pre>' + esc(JSON.stringify(d, null, 2)) + '</pre>' }).join('') })
    .catch(function (e) { $('docs').innerHTML = '<div class="card err">' + esc(e.message) + '</div>' })
}
$('run').onclick = query

function invocations() {
  get('/__emulator/console/invocations?limit=200').then(function (b) {
    $('fnnames').textContent = '已部署：' + b.functions.join('、')
    $('invocations').innerHTML = table(b.invocations.map(function (e) {
      return { 时间: fmt(e.time), 函数: e.function, 用户: e.openid || '—', 来源: e.source || e.triggerSrc, '耗时(ms)': e.ms, 启动: e.cold ? '冷启动' : '热', 结果: e.ok ? '成功' : '失败：' + String(e.error || '').split('\\n')[0] }
    }))
  }).catch(function (e) { $('invocations').innerHTML = '<div class="card err">' + esc(e.message) + '</div>' })
}
var kinds = { sms: /sms/i, subscribe: /subscribe/i, shipping: /shipping|delivery|express/i }
function records() {
  get('/__emulator/openapi/records').then(function (b) {
    var rows = listOf(b, ['records', 'items', 'list']).filter(function (r) { return !kind || kinds[kind].test(String(r.api) + ' ' + String(r.kind)) })
    $('records').innerHTML = table(rows.slice().reverse().map(function (r) {
      return { 时间: r.time ? fmt(r.time) : '', 接口: r.api, 类型: r.kind === 'call' ? '调用' : r.kind, 用户: r.openid, 云函数: r.functionName, 参数: r.params, 结果: r.errcode === undefined ? '' : r.errcode === 0 ? '成功' : '错误 ' + r.errcode }
    }))
  }).catch(function (e) { $('records').innerHTML = '<div class="card muted">开放接口记录不可用：' + esc(e.message) + '</div>' })
}
document.querySelectorAll('[data-kind]').forEach(function (b) { b.onclick = function () { kind = b.dataset.kind; records() } })
$('msgreload').onclick = records
var STATES = { NOTPAY: '未支付', SUCCESS: '已支付', CLOSED: '已关闭', REFUND: '有退款', PAYERROR: '支付失败' }
function yuan(fen) { return typeof fen === 'number' ? '¥' + (fen / 100).toFixed(2) : '—' }
function orders() {
  get('/__emulator/pay/trades').then(function (b) {
    var trades = listOf(b, ['trades', 'orders', 'items', 'list']).slice().reverse()
    var rows = trades.map(function (t) {
      var refunded = (t.refunds || []).reduce(function (a, r) { return a + (r.refundFee || 0) }, 0)
      var cb = (t.deliveries || []).map(function (d) { return d.kind + ':' + d.status + '×' + d.attempts }).join(' ')
      return { 商户订单号: t.outTradeNo, 商品: t.body, 金额: yuan(t.totalFee), 状态: STATES[t.state] || t.state, 已退款: refunded ? yuan(refunded) : '', 用户: t.openid, 回调函数: t.functionName, 回调: cb, 创建时间: t.createdAt ? fmt(t.createdAt) : '' }
    })
    $('orders').innerHTML = table(rows, null, function (r) {
      var no = esc(r['商户订单号'] || '')
      return '<button class="sm" data-op="pay" data-no="' + no + '">支付成功</button><button class="sm warn" data-op="fail" data-no="' + no + '">支付失败</button><button class="sm" data-op="refund" data-no="' + no + '">全额退款</button>'
    })
    $('orders').querySelectorAll('[data-op]').forEach(function (btn) {
      btn.onclick = function () {
        post('/__emulator/pay/trades/' + encodeURIComponent(btn.dataset.no) + '/' + btn.dataset.op, {}).then(function () { toast('已提交：' + btn.textContent); orders() }).catch(function (e) { toast('操作失败：' + e.message) })
      }
    })
  }).catch(function (e) { $('orders').innerHTML = '<div class="card muted">支付沙箱不可用：' + esc(e.message) + '</div>' })
}
$('payreload').onclick = orders
var STEPK = { 'stock.release': '退还库存', 'stock.settle': '库存出库', 'coupon.release': '退还优惠券', 'coupon.consume': '核销优惠券', 'points.return': '退还积分', 'refund.submit': '发起退款', 'message.send': '订阅消息', 'shipping.upload': '上传发货信息', 'stock.return': '售后退回库存', 'points.follow': '售后积分返还/扣回', 'order.refundedInFull': '全额退款关闭订单', 'coupon.restore': '全额退款退还优惠券' }
function stepRow(d) { return { 步骤: d._id, 类型: STEPK[d.kind] || d.kind, 流程: d.flow, 订单: d.ref, 尝试次数: d.attempts, 下次执行: d.nextAttemptAt ? fmt(d.nextAttemptAt) : '', 最后错误: d.lastError || '' } }
function findDocs(coll, filter, sort) { return post('/__emulator/console/find', { collection: coll, filter: filter, sort: sort, limit: 200 }).then(function (b) { return b.docs }) }
function steps() {
  findDocs('outbox', { status: 'dead' }, { deadAt: -1 }).then(function (d) { $('dead').innerHTML = table(d.map(stepRow)) }).catch(function (e) { $('dead').innerHTML = '<div class="card err">' + esc(e.message) + '</div>' })
  findDocs('outbox', { status: 'pending' }, { nextAttemptAt: 1 }).then(function (d) { $('pending').innerHTML = table(d.map(stepRow)) }).catch(function () {})
  findDocs('anomalies', {}, { at: -1 }).then(function (d) { $('anomalies').innerHTML = table(d.map(function (a) { return { 时间: fmt(a.at), 类型: a.kind === 'doublePayment' ? '重复支付' : a.kind, 订单: a.orderId, 支付: a.paymentId, 保留的支付: a.keptPaymentId, 金额: yuan(a.amount), 说明: a.text } })) }).catch(function () {})
}
$('stepsreload').onclick = steps
var WHEN = { before: '写入前', after: '写入后' }, CALLK = { any: '全部', openapi: '开放接口', cloudPay: '云支付' }
function faultRow(f) { return { 类型: f.kind === 'crash' ? '崩溃' : '调用失败', 云函数: f.function || '任意', k: f.k || f.write || f.call, 条件: f.kind === 'crash' ? WHEN[f.when] : CALLK[f.callKind] } }
function faults() {
  get('/__emulator/console/invocations?limit=1').then(function (b) {
    document.querySelectorAll('.fnsel').forEach(function (sel) {
      var keep = sel.value
      sel.innerHTML = '<option value="">任意函数</option>' + b.functions.map(function (n) { return '<option value="' + esc(n) + '">' + esc(n) + '</option>' }).join('')
      sel.value = keep
    })
  }).catch(function () {})
  get('/__emulator/faults').then(function (b) {
    $('farmed').innerHTML = table(b.armed.map(function (f) { return Object.assign(faultRow(f), { 布置时间: fmt(f.armedAt) }) }))
    $('ffired').innerHTML = table(b.fired.slice().reverse().map(function (f) { return Object.assign(faultRow(f), { 调用: f.invocationId, 接口: f.action, 触发时间: fmt(f.at) }) }))
  }).catch(function (e) { $('farmed').innerHTML = '<div class="card err">' + esc(e.message) + '</div>' })
}
function arm(path, body) {
  if (!body.function) delete body.function
  post('/__emulator/faults/' + path, body).then(function () { toast('已布置'); faults() }).catch(function (e) { toast('布置失败：' + e.message) })
}
$('fcarm').onclick = function () { arm('crash', { function: $('fcfn').value, write: Number($('fck').value), when: $('fcwhen').value }) }
$('ffarm').onclick = function () { arm('fail-call', { function: $('fffn').value, call: Number($('ffk').value), kind: $('ffkind').value }) }
$('fclear').onclick = function () { fetch('/__emulator/faults', { method: 'DELETE' }).then(function () { toast('已清除'); faults() }) }
$('freload').onclick = faults
tabs(); clock(); collections()
setInterval(clock, 5000)
setInterval(function () { if (tab() === 'fn') invocations() }, 2000)
</script></body></html>`
}
