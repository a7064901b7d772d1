// The parts of the untyped mini-program tooling the harness uses.
declare module 'miniprogram-compiler' {
  const compiler: { wxmlToJs(root: string, options?: { maxBuffer?: number }): string }
  export default compiler
}

declare module 'miniprogram-exparser' {
  export interface ExNode {
    is?: string
    id: string
    $$?: HTMLElement
    childNodes: ExNode[]
    shadowRoot?: ExNode
    __wxSlotChildren?: ExNode[]
    parentNode: ExNode | null
    dataset?: Record<string, unknown>
    data?: Record<string, unknown>
    _vt?: { tagName?: string; componentId?: string }
  }
  export const Component: {
    prototype: { setData(this: ExNode, data: Record<string, unknown>): void } & Record<string, unknown>
    _list: Record<string, unknown>
  }
  export const ShadowRoot: {
    prototype: { createComponent(tagName: string, name: string, generics?: unknown): ExNode }
  }
  export const Element: {
    getMethodCaller(node: ExNode): Record<string, unknown> & { data: Record<string, unknown> }
  }
  export const TextNode: new (...a: unknown[]) => ExNode
  export const VirtualNode: new (...a: unknown[]) => ExNode
  export const Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(target: ExNode, event: unknown): void
  }
  export function addGlobalErrorListener(fn: (err: unknown, info: unknown) => unknown): void
  export function addGlobalWarningListener(fn: (msg: unknown) => unknown): void
}
