/** The wx.openApi protobuf schema (PROTOCOL §9, reconstructed from wx-server-sdk 4.0.2). */
import protobuf from 'protobufjs'

const PROTO = `
syntax = "proto3";

message KeyValuePair {
  string key = 1;
  bytes value = 2;          // JSON text of the parameter value (or raw media bytes)
  string contenttype = 3;   // NB: wx-server-sdk's media converter sets "contentType" (camel) so this is never sent
  string filename = 4;
}

message OpenApiData {
  repeated KeyValuePair pairs = 1;
}

message TokenApiData {
  string resourceAppid = 1;
  string resourceEnv = 2;
}

enum HTTP_METHODS {
  HTTP_UNSPECIFIED = 0; // not in the original (proto2-style enum starting at 1); added so proto3 parses
  HTTP_GET = 1;
  HTTP_POST = 2;
  HTTP_PUT = 3;
  HTTP_DELETE = 4;
  HTTP_HEAD = 5;
  HTTP_PATCH = 6;
}

message InnerApiData {
  uint32 modid = 1;
  uint32 cmdid = 2;
  string url = 3;
  bool useHttps = 4;
  HTTP_METHODS method = 5;
  repeated string headers = 6;
  bytes body = 7;
}

message SvrkitApiData {
  string apiName = 1;
  bytes reqData = 2;
}

message CommApiData {
  enum ApiType {
    OPEN_API = 0;
    INNER_API = 1;
    SVRKIT_API = 2;
    TOKEN_API = 3;
  }
  ApiType apiType = 1;
  OpenApiData openapiData = 2;
  InnerApiData innerData = 3;
  SvrkitApiData svrkitData = 4;
  TokenApiData tokenData = 5;
  string appid = 6;
}

message HttpHeader {
  string key = 1;
  string value = 2;
}

message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}

message ApiGetOpenDataByCloudIdReq {
  repeated string cloudidList = 2;
  string appid = 3;
}

message ApiGetOpenDataByCloudIdResp {
  message OpDataItem {
    string cloudId = 1;
    string json = 2;
  }
  repeated OpDataItem dataList = 1;
}

message ApiVoipSignReq {
  string groupId = 2;
  uint32 timestamp = 3;
  string nonce = 4;
}

message ApiVoipSignResp {
  string signature = 1;
}

message GetCloudCallSignReq {
  repeated string parameterList = 2;
}

message GetCloudCallSignResp {
  string signature = 1;
}

message AuthorizationInfo {
  message TcbCredentials {
    string secretId = 1;
    string secretKey = 2;
    string token = 3;
  }
  message WxParam {
    bytes qbaseTicket = 1;
    string authUin = 2;
    string extJson = 3;
  }
  TcbCredentials tcbCredentials = 1;
  bytes wxParam = 2;
}

message ApiOptions {
  string appid = 1;
}
`

const root = protobuf.parse(PROTO, { keepCase: true }).root

export const CommApiData = root.lookupType('CommApiData')
export const CommOpenApiResp = root.lookupType('CommOpenApiResp')
export const ApiGetOpenDataByCloudIdReq = root.lookupType('ApiGetOpenDataByCloudIdReq')
export const ApiGetOpenDataByCloudIdResp = root.lookupType('ApiGetOpenDataByCloudIdResp')
export const ApiVoipSignReq = root.lookupType('ApiVoipSignReq')
export const ApiVoipSignResp = root.lookupType('ApiVoipSignResp')
export const GetCloudCallSignReq = root.lookupType('GetCloudCallSignReq')
export const GetCloudCallSignResp = root.lookupType('GetCloudCallSignResp')
export const AuthorizationInfo = root.lookupType('AuthorizationInfo')
export const ApiOptions = root.lookupType('ApiOptions')

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

/** Decodes to a plain object: enums as numbers, bytes as Buffers, missing fields absent. */
export function decode(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  return type.toObject(type.decode(bytes), { enums: Number, defaults: false }) as Record<string, unknown>
}

export function encode(type: protobuf.Type, obj: Record<string, unknown>): Buffer {
  const err = type.verify(obj)
  if (err) throw new Error(`${type.name}: ${err}`)
  return Buffer.from(type.encode(type.fromObject(obj)).finish())
}
