/**
 * DEVELOPMENT ONLY: the key pairs of the emulator's transfer sandbox, fixed so that the functions' dev fallback
 * (cloudfunctions/src/withdrawal/devkeys.ts, used only when MALL_EMULATOR=1) matches without any setup. The
 * sandbox verifies requests with the merchant public key and signs answers and callbacks with the platform
 * private key. Never use these anywhere real.
 */
export const DEV_MCHID = '1900000109'
export const DEV_MERCHANT_SERIAL = '5157F09EFDC096DE15EBE81A47057A72DEVSERIAL'
export const DEV_PLATFORM_KEY_ID = 'PUB_KEY_ID_0119000001092026120200DEV000001'
/** 32 ASCII characters, as the APIv3 key set in the merchant platform is. */
export const DEV_APIV3_KEY = 'mall-dev-apiv3-key-0123456789abc'
export const DEV_MERCHANT_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAt/5+hpJaVwHoTjsU/1Yr
GhVpprMOG5vnb1oH3vH+RD5z1vEUzVwMi/3wWyGAGg1VJgyYVOvHBoDkI7ylRANP
8W1zXq7wkrw8u+AukO+f2jAW7KoGmAd/Um5B40fndaYxQ21RiO69Zq9dzS53GhZg
q06tKy2pYUMIlwJOEEKKA2LSPCEWlj0XFhxYg4bZcRh13gb2YNIGHs5J1k0ztS2K
BqG0HsII01AMwD96f3sBmjf2tm3YgDe4AtjUOSZ085OznWWRNmpsU0e9OJ9T6A5j
xT1AHBgDcjjQyklaKmD1+4i7htxrq9K9DSr/6IzQR1L+8bqjszYt6t0SKtMb/l43
wQIDAQAB
-----END PUBLIC KEY-----
`
export const DEV_PLATFORM_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQD4JC6dC1IwE8Qe
t0XUH9ES/K4uKoQtcdd92aouuyN2a0KQqQ51IquTlN3K3ef6CaVTvA9e6yHfJwEL
FKqwNKq53RHjqsBkl+XlC2PtQt1kxVgpl69nbOekpSL4f3TlEgWWlXpXFQmANTCE
uyfV8m2sr4AY2Zuysxq65f4O4t3ODyuvfBPbiihxKpKQWwriAu5v13WLWyQMFogY
UrWuNFTfIWY4eAGuolSGLHL91837hvN/lHekZFfWvlz8LhtMQlgmRhy3bd3j8sGT
I/q41kuAbbW+zY1jsZFI2msIak+9BNACFDDmStk2TUwrQjac0sT7geFvX8mpxkJy
9AQrpuPFAgMBAAECggEAPZ4ufQzcodemscHs8xnbfw2D6y7fl7FXQ4cTfXs2+Sb1
Zpq0Xl33oTQsRz4HZs2SYlKmtnlI9fLnjWraX9sUMgc1dAVotRILIm9LpxUdiPKA
TAPAqLwgYYAoSPDNhDyPaq8/q/QrYczTeYJICBalKWaDNqiCw0M6dgK6rdOkJJCe
qMK5yTA8/8rWDPJvfjUr/d8R5RJf9E+DaclHYojqk0gQxYx4YSfJZrvYZQPzvM9m
PWwj/6fEDxlO2QcjX13KXDbpCEYO9brB2f+WDlEmGVBy++nuxEcNFfI2LpCy7FZv
V7qsDY4VeK1qxsFcripLR0Q+ZHimaCVVtDikbEjSwQKBgQD+OQgHA8ayh68g7dwI
LGUhzUksCwHBwNbQQJjP6Z54IyIKwcg5WEea245SYHas+dUhv/EdHkiTDUxqhtc0
EPCGbgvvjvj3oGDcZATpdB6Mmd4IFJacUfP3ydnQKKan9VOe2EtPtV3D1Z5esvYN
1TLyt0FJFf26piHZrn9nu+w6aQKBgQD54ERguEU8Ni/wfWVMwlD3yItVXCoc8U9D
qtoAQt2zxMvq1qfC1mYjDati49jbx6mHTGO/hIH1kdTkvGkc7ZeSs+Wm5PSErK+y
FEMnEpTBGHtJbHkoJ5PcTdbqteAixvJ6p3DKqUtraYKLXwAgWwlJw2UIVwHOENQb
WSrTCd6a/QKBgDfsseBhK0fA43y59qpxobnC4DLpJPTLiDX9z+AFA5BoIif9ox9C
VVYysGdcwx6gQwuOnusJ62s2BLZ2fUb95vubn9KOQCSxSj2RXydAHSxO+PIMHWm7
+ZBr/hd1qdvO8xtBd6fMPRlEl/c7JTe7y95rA9ihFtUFkPLDGVHnnDrpAoGBANig
/obfml6OF9elztnSKQH4Yht50KTQ68gdaewKDEza03Lf8AcxetDu++O65vn7SlUa
++tAxK6SZIB9e59xuBOeVP3wxq/zSkrX2DQans4dHF1WZl9SmJTJAwbu8McVtYhy
e42nYdRYX63WibSDWDUT6hZl4BG3czvWfRMDHnM9AoGAOULXNUM/SsFgOUN8nTzJ
g4BwXcYP2S4oFo0JhrHLRZqetILzPmTq4420hmesUwSNrqBVDoy59fPSRtrnsbJ8
AsJ6JrMFNIIDWIaQFKo2lalsfyaEBjUpdvLq6S6UQBkgYKm4sBUM76xcQqVW7PDS
TGNugMqE7+qC5FP9nZI+4dA=
-----END PRIVATE KEY-----
`
