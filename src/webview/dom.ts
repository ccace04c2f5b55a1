/**
 * The only way the panel builds DOM: elements from tag names chosen here, text through text nodes.
 * No innerHTML anywhere, so nothing that came from AWS can become markup.
 */
export type Child = Node | string | number | undefined | null | false;

export interface ElementProps {
  className?: string;
  /** Attributes set with setAttribute. Never `href`, `src` or event handlers: see `safeAttribute`. */
  attrs?: Record<string, string | undefined>;
  onClick?: (event: MouseEvent) => void;
}

const forbiddenAttribute = /^(on|href$|src$|srcdoc$|style$|formaction$|action$|xlink:href$)/i;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) {
    element.className = props.className;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) {
      safeAttribute(element, name, value);
    }
  }
  const onClick = props.onClick;
  if (onClick) {
    element.addEventListener('click', (event) => onClick(event as MouseEvent));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

function safeAttribute(element: Element, name: string, value: string): void {
  if (forbiddenAttribute.test(name)) {
    throw new Error(`The panel does not set the ${name} attribute`);
  }
  element.setAttribute(name, value);
}

/** A codicon, hidden from screen readers (the text next to it says the same). */
export function icon(name: string, spin = false): HTMLSpanElement {
  const safeName = /^[a-z0-9-]+$/.test(name) ? name : 'question';
  return el('span', { className: `codicon codicon-${safeName}${spin ? ' codicon-modifier-spin' : ''}`, attrs: { 'aria-hidden': 'true' } });
}
