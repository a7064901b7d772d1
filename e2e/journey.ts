import type { Page } from 'playwright-core'
import type { Stack } from './stack'

export interface JourneyContext {
  page: Page
  stack: Stack
  /** Saves e2e/artifacts/<journey>/<n>-<label>.png (of `of`, default the journey's page) */
  screenshot: (label: string, of?: Page) => Promise<void>
}

export interface Journey {
  title: string
  run: (ctx: JourneyContext) => Promise<void>
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}
