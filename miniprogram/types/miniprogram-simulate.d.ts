// The slice of miniprogram-simulate 1.6 the mp tests use (the package ships no types).
declare module 'miniprogram-simulate' {
  interface SimNode {
    dom: HTMLElement
    data: Record<string, unknown>
    querySelector(selector: string): SimNode
    querySelectorAll(selector: string): SimNode[]
    dispatchEvent(name: string, options?: Record<string, unknown>): void
    addEventListener(name: string, cb: (e: { detail: unknown }) => void): void
    setData(data: Record<string, unknown>): void
    attach(parent: Element): void
    detach(): void
    instance: Record<string, unknown>
  }
  const simulate: {
    load(path: string, tagName?: string, options?: { rootPath?: string }): string
    render(id: string, properties?: Record<string, unknown>): SimNode
  }
  export default simulate
}
