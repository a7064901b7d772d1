import { handleTransferNotify } from '../../src/withdrawal/notify'

/** HTTP-triggered (HTTP 访问服务, path /transferNotify): WeChat Pay's merchant-transfer result notifications. */
export const main = (event: unknown) => handleTransferNotify(event)
