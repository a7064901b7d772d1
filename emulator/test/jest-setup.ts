// Emulator tests start servers and worker processes; on a busy 2-core machine that can take seconds.
jest.setTimeout(60_000)
