/** SVRKIT answers (getOpenData, VoIP / cloud-call signatures) and the cross-account token (PROTOCOL §9.4). */
import { randomBytes } from 'node:crypto'
import {
  ApiGetOpenDataByCloudIdReq,
  ApiGetOpenDataByCloudIdResp,
  ApiVoipSignReq,
  ApiVoipSignResp,
  AuthorizationInfo,
  GetCloudCallSignReq,
  GetCloudCallSignResp,
  decode,
  encode,
} from './proto'

/**
 * Decodes the request and encodes the answer of one SVRKIT api; undefined for an unknown one.
 * A cloudID like `dev:13800138000` opens to that phone number (others to 13800000000).
 */
export function svrkitCall(
  name: string,
  reqData: Buffer,
  nowS: number,
  callAppid: string,
): { params: Record<string, unknown>; resp: Buffer } | undefined {
  let resp: Buffer
  let params: Record<string, unknown>
  if (name === 'ApiGetOpenDataByCloudId') {
    const list = (decode(ApiGetOpenDataByCloudIdReq, reqData).cloudidList ?? []) as string[]
    params = { cloudidList: list }
    const dataList = list.map((cloudId) => {
      const m = /^dev:(\d{5,15})$/.exec(cloudId)
      const phone = m ? m[1]! : '13800000000'
      const json = {
        cloudID: cloudId,
        data: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp: nowS, appid: callAppid },
        },
      }
      return { cloudId, json: JSON.stringify(json) }
    })
    resp = encode(ApiGetOpenDataByCloudIdResp, { dataList })
  } else if (name === 'ApiVoipSign') {
    params = decode(ApiVoipSignReq, reqData)
    resp = encode(ApiVoipSignResp, { signature: randomBytes(20).toString('hex') })
  } else if (name === 'GetCloudCallSign') {
    params = decode(GetCloudCallSignReq, reqData)
    resp = encode(GetCloudCallSignResp, { signature: randomBytes(20).toString('hex') })
  } else return undefined
  return { params, resp }
}

/** What `getCrossAccountToken` answers: credentials the SDK signs later requests with, and a wxParam. */
export const crossAccountInfo = (): Buffer =>
  encode(AuthorizationInfo, {
    tcbCredentials: { secretId: 'x-id', secretKey: 'x-key', token: 'x-token' },
    wxParam: Buffer.from('x'),
  })
