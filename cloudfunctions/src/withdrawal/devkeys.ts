/**
 * DEVELOPMENT ONLY: the merchant API private key and the WeChat Pay public key of the emulator's transfer
 * sandbox (emulator/src/transfer/devkeys.ts holds the other halves). config.ts uses them only when
 * MALL_EMULATOR=1 and the real variables are absent. Never use these anywhere real.
 */
export const DEV_MCHID = '1900000109'
export const DEV_MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A72DEVSERIAL'
export const DEV_PLATFORM_KEY_ID = 'PUB_KEY_ID_0119000001092026120200DEV000001'
/** 32 ASCII characters, as the APIv3 key set in the merchant platform is. */
export const DEV_APIV3_KEY = 'mall-dev-apiv3-key-0123456789abc'
export const DEV_MERCHANT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQC3/n6GklpXAehO
OxT/VisaFWmmsw4bm+dvWgfe8f5EPnPW8RTNXAyL/fBbIYAaDVUmDJhU68cGgOQj
vKVEA0/xbXNervCSvDy74C6Q75/aMBbsqgaYB39SbkHjR+d1pjFDbVGI7r1mr13N
LncaFmCrTq0rLalhQwiXAk4QQooDYtI8IRaWPRcWHFiDhtlxGHXeBvZg0gYezknW
TTO1LYoGobQewgjTUAzAP3p/ewGaN/a2bdiAN7gC2NQ5JnTzk7OdZZE2amxTR704
n1PoDmPFPUAcGANyONDKSVoqYPX7iLuG3Gur0r0NKv/ojNBHUv7xuqOzNi3q3RIq
0xv+XjfBAgMBAAECggEAAsGk9/uEL5ShbB8b2FusTYGrvZXmAKVCN0eHMciIr3Fr
Uzl1PyKZdEUxky7uPC2uFHHovBB0cMkwacXlKK6/RUnXSjBHHb6kzwh7sBuL5rUU
2dat/rvxhQzOb0ML8VX0G9tM1vcjJqE6z7SqD32tdPGKu/htFr4+KCN+Y4VYq5Zq
VXqvaXixD1dpioO3c3GEktlIomDaYlwlabmwyRVqe1hY6pINz92+MzQjSgF9+F4d
sXe4UL+SR/088clsEINNkOJJwuDVhyLV1nT7JZEuqlVlK9jZ5NZbgaplZas5Qzp6
g6uE55poqlnqruGHkLXt76Rpfi5U15SC/vise3tV8QKBgQDnJgNqoieD/FtfxG7v
Y0DRn4VQ5ngPPq9IudyEnYA3M9qKVB5zOyg4bJY9xcXQVXjB5SmPiN+dwYNk+eG6
MH/9SaFo8mTlGDWHbi5yJBIQTw3Ly05DyxLnxWXLT2na8pfUNrVzoo/thbaMpOkV
+TfgdJjP+aVz5Dz+s4jZBNp9EQKBgQDLxqIoOLKZM/+MP3VE3V5kWSOrZnDGqgJZ
bBHmvQQ/aVYDshq5rdkZvz5FA/IuB5BnTFO93lN7pJcLeWIzGF/P5XpL+gLY9wU+
ufredg1PucRabDFY3w+G8QAHGxOLXLTvSsxbl24v0mWYZCkchqfhs2wizaOwjFOP
mZk++V3PsQKBgQCCu0MvairDQVVEosrDZfVhGcHC8bZxmNh2X3hTIOlFT3SIy+60
6X5j+zY2Fcc9fznfIAcTgSxIAwyXbaS3M3sP/DboLj/WOoz73dsy/yegRbXdz0yi
lxZIM6LRDEcoaBBrG84gao7QndGTVinmHZ/2uLs81Us4cpv0ygHaDB6uoQKBgQCP
MNEZul2l0igsgRsCfRurIAg0lROCRkzIUWxy2zd056wNhMXK3CLGOOCk1pUDS0Vp
kPT3Ypb/NzT8VxtuFB6fk/1QDiqaE1qYLU/fqszHzR3w/D3g2T2r8QW3+IrPTyHF
VKYtZkeDSzEg2KEa7nRh4RaHjkEL+k9thN1upwQIwQKBgQDipiuHPyNSu0esT0so
09kzBP2o6BgzLRxAI3Evgb5EzrjCnrZew5JRQMfczxy6SvtWXR+Hpkq8auF63A3B
eESS3eRgk74D6zbod6aHmKhHs++EJUwU+fqI9ZytkTr9eGQYJRJqE0FdP9hnOcG9
cVu1w7K0R34JDW9rp3OAHeraMA==
-----END PRIVATE KEY-----
`
export const DEV_PLATFORM_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA+CQunQtSMBPEHrdF1B/R
EvyuLiqELXHXfdmqLrsjdmtCkKkOdSKrk5Tdyt3n+gmlU7wPXush3ycBCxSqsDSq
ud0R46rAZJfl5Qtj7ULdZMVYKZevZ2znpKUi+H905RIFlpV6VxUJgDUwhLsn1fJt
rK+AGNmbsrMauuX+DuLdzg8rr3wT24oocSqSkFsK4gLub9d1i1skDBaIGFK1rjRU
3yFmOHgBrqJUhixy/dfN+4bzf5R3pGRX1r5c/C4bTEJYJkYct23d4/LBkyP6uNZL
gG21vs2NY7GRSNprCGpPvQTQAhQw5krZNk1MK0I2nNLE+4Hhb1/JqcZCcvQEK6bj
xQIDAQAB
-----END PUBLIC KEY-----
`
