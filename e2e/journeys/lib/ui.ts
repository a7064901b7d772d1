/**
 * Helpers for driving the Taro h5 build like a person: by visible text and the pages' stable class names.
 * Taro keeps earlier pages of the stack in the DOM (hidden), so every lookup is restricted to what is visible.
 * (This folder is not a journey: the runner only loads the .ts files directly under journeys/.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { Stack } from '../../stack'

let bundle: string | undefined

/**
 * Taro's h5 router keeps the pages under the top one rendered, marked `taro_page_shade` (they still have a
 * box, so Playwright calls them visible): the page a person looks at is the last unshaded one.
 */
const CURRENT = '.taro_page:not(.taro_page_shade)'
export const currentPage = (page: Page): Locator => page.locator(CURRENT).last()

/** What a person can see on the current page matching `selector`. */
export const shown = (page: Page, selector: string): Locator =>
  currentPage(page).locator(selector).filter({ visible: true })

/** A visible element whose own text is exactly `text` (buttons, tabs, chips). */
export const textOf = (page: Page, text: string, selector = '*'): Locator =>
  currentPage(page)
    .locator(selector)
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
    .filter({ visible: true })
    .last()

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Fails with a message naming the page when the h5 build under test does not contain its route, so a journey
 * that reaches a page nobody built yet says which one instead of timing out on a selector.
 */
export function requirePage(stack: Stack, route: string, name: string): void {
  const js = join(stack.h5Dir, 'js')
  bundle ??= existsSync(js)
    ? readdirSync(js)
        .filter((f) => /^app\..*\.js$/.test(f)) // the router's page table lives in the app chunk
        .map((f) => readFileSync(join(js, f), 'utf8'))
        .join('\n')
    : ''
  const bare = route.replace(/^\//, '').split('?')[0]
  if (!bundle.includes(bare))
    throw new Error(
      `missing page: ${name} (${bare}) is not in the h5 build (miniprogram/dist/h5) — not built yet?`,
    )
}

/** Waits until the hash route is `route` (path part) and `selector` is visible on it. */
export async function onPage(
  stack: Stack,
  page: Page,
  route: string,
  name: string,
  selector: string,
  timeout = 20_000,
) {
  requirePage(stack, route, name)
  const bare = route.split('?')[0]
  try {
    await page.waitForURL((u) => u.hash.split('?')[0] === `#${bare}`, { timeout })
  } catch {
    throw new Error(`expected to be on the ${name} page (${bare}), but the browser is at ${page.url()}`)
  }
  // the URL changes before the new page is mounted on top of the old one
  await eventually(
    async () => (await currentPage(page).getAttribute('id'))?.split('?')[0] === bare,
    `the ${name} page (${bare}) was not mounted on top`,
    timeout,
  )
  try {
    await shown(page, selector).first().waitFor({ timeout })
  } catch {
    throw new Error(`the ${name} page (${bare}) did not show "${selector}" within ${timeout} ms`)
  }
}

/** Visible text of the current Taro page. */
export async function visibleText(page: Page): Promise<string> {
  return currentPage(page).innerText()
}

/** Polls until `check` returns a truthy value (or throws with `message` and the last value). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  message: string,
  timeout = 10_000,
  every = 200,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeout
  let last: T | undefined
  for (;;) {
    last = await check()
    if (last) return last as NonNullable<T>
    if (Date.now() > end) throw new Error(`${message} (after ${timeout} ms; last: ${JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, every))
  }
}

/**
 * A person sees a broken-image icon where a product photo should be: every visible <img> must have loaded
 * (a `cloud://` fileID handed to the page instead of a URL never does). Returns the broken sources.
 */
export async function brokenImages(page: Page, timeout = 3_000): Promise<string[]> {
  const broken = () =>
    currentPage(page).evaluate((root) =>
      Array.from(root.querySelectorAll('img'))
        .filter((img) => {
          const r = img.getBoundingClientRect()
          const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight
          return onScreen && img.getAttribute('src') && !(img.complete && img.naturalWidth > 0)
        })
        .map((img) => img.getAttribute('src') ?? ''),
    )
  const end = Date.now() + timeout
  let srcs = await broken()
  while (srcs.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250))
    srcs = await broken()
  }
  return [...new Set(srcs)]
}

/**
 * Defects a person would see that do not stop the journey (broken images): each step records them, the
 * journey carries on so the rest of the flow is still checked, and `assertNone()` at the end fails with all.
 */
export function defects(page: Page) {
  const found: string[] = []
  return {
    async images(where: string, of: Page = page): Promise<void> {
      const srcs = await brokenImages(of)
      if (srcs.length > 0) found.push(`broken images on the ${where} page: ${srcs.slice(0, 3).join(', ')}`)
    },
    assertNone(): void {
      if (found.length > 0)
        throw new Error(`the journey completed, but a person would see:\n    - ${found.join('\n    - ')}`)
    },
  }
}
