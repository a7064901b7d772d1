/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined
    TARO_APP_ID?: string
  }
}

/** Build-time constants (config/index.ts defineConstants). */
declare const MALL_CLOUD_ENV: string
declare const MALL_GATEWAY_URL: string
