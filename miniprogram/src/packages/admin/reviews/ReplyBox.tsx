import type { AdminReviewRow } from '@mall/contract'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, call } from '../../../api'
import { Button, Field, toast } from '../../../ui'

/** The merchant's one public reply; the server checks it with content security. */
export function ReplyBox({
  review,
  onReplied,
}: {
  review: AdminReviewRow
  onReplied: (r: AdminReviewRow) => void
}) {
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const send = async () => {
    if (sending) return
    if (!text.trim()) return toast('请填写回复内容')
    setSending(true)
    try {
      onReplied(await call('admin.reviews.reply', { reviewId: review.id, content: text.trim() }))
      toast('已回复', 'success')
    } catch (e) {
      toast(e instanceof ApiError ? e.message : '回复失败，请重试')
    } finally {
      setSending(false)
    }
  }
  return (
    <View className="admin-review__reply-box">
      <Field
        type="textarea"
        value={text}
        maxlength={300}
        placeholder="回复这条评价（公开展示）"
        onChange={setText}
      />
      <View className="admin-review__foot">
        <Button type="danger" round size="small" loading={sending} onClick={() => void send()}>
          回复
        </Button>
      </View>
    </View>
  )
}
