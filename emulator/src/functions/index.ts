export { createFunctionRuntime, DEFAULT_CALLER } from './runtime'
export type {
  FunctionRuntime,
  FunctionRuntimeOptions,
  InvocationHooks,
  InvocationLogEntry,
  ClientEnvOptions,
} from './runtime'
export { withSdkEnv } from './env'
export { parseCron, nextFire } from './cron'
