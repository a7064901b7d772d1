import type { ActionEvent, FunctionName } from '@mall/contract'
import Taro from '@tarojs/taro'
import { ApiError } from './errors'

let initialised = false

function init() {
  if (initialised) return
  // MALL_CLOUD_ENV comes from the build (defineConstants); empty means the DevTools' default environment
  Taro.cloud.init(MALL_CLOUD_ENV ? { env: MALL_CLOUD_ENV, traceUser: true } : { traceUser: true })
  initialised = true
}

/** Calls the cloud function and returns its envelope (not yet unwrapped). */
export async function send(fn: FunctionName, event: ActionEvent): Promise<unknown> {
  init()
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: event as unknown as Record<string, unknown> })
    return res.result
  } catch (e) {
    const msg = String((e as { errMsg?: string })?.errMsg ?? e)
    // timeouts and offline are the shopper's network; anything else is the function side
    throw new ApiError(/timeout|network|offline|fail to connect/i.test(msg) ? 'NETWORK' : 'FUNCTION_FAILED')
  }
}
