import { useRef, useState } from 'react'
import { choosePhotos, uploadPhoto } from '../api/upload'
import { ApiError } from '../api'

export const MAX_PHOTOS = 6

export interface PhotoSlot {
  key: number
  tempPath: string
  state: 'uploading' | 'done' | 'failed'
  fileId: string | null
}

/**
 * Photos upload as soon as they are picked (into the shopper's own `<area>/<openid>/` folder), so submitting
 * only sends fileIDs. Each slot keeps its own state: a failed one can be retried or removed on its own.
 * Shared by the after-sales and review subpackages (only they import it).
 */
export function usePhotos(area: 'aftersale' | 'review') {
  const [slots, setSlots] = useState<PhotoSlot[]>([])
  const seq = useRef(0)
  const patch = (key: number, p: Partial<PhotoSlot>) =>
    setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...p } : s)))

  const upload = (slot: PhotoSlot) => {
    patch(slot.key, { state: 'uploading' })
    uploadPhoto(area, slot.tempPath)
      .then((fileId) => patch(slot.key, { state: 'done', fileId }))
      .catch(() => patch(slot.key, { state: 'failed' }))
  }

  const add = async (): Promise<string | null> => {
    const room = MAX_PHOTOS - slots.length
    if (room <= 0) return `最多上传${MAX_PHOTOS}张图片`
    let paths: string[]
    try {
      paths = await choosePhotos(room)
    } catch (e) {
      // the shopper closing the picker is not an error
      return e instanceof ApiError ? e.message : null
    }
    const fresh = paths.slice(0, room).map((tempPath) => ({
      key: ++seq.current,
      tempPath,
      state: 'uploading' as const,
      fileId: null,
    }))
    setSlots((all) => [...all, ...fresh])
    fresh.forEach(upload)
    return null
  }

  return {
    slots,
    add,
    retry: (key: number) => {
      const slot = slots.find((s) => s.key === key)
      if (slot) upload(slot)
    },
    remove: (key: number) => setSlots((all) => all.filter((s) => s.key !== key)),
    uploading: slots.some((s) => s.state === 'uploading'),
    failed: slots.some((s) => s.state === 'failed'),
    busy: slots.some((s) => s.state !== 'done'),
    fileIds: slots.flatMap((s) => (s.fileId ? [s.fileId] : [])),
  }
}
