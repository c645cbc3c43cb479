/**
 * A small XML 1.0 well-formedness check for the JUnit file (no XML parser among the dependencies):
 * one root, properly nested and closed tags, quoted and unique attributes, only the five predefined
 * entities or character references, no stray `<` or `&`. Returns the elements found, for assertions.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  parent: XmlElement | null;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'y');
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

function checkText(text: string, where: number): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') throw new Error(`stray < at ${where + i}`);
    if (text[i] === '&') {
      ENTITY.lastIndex = i;
      if (!ENTITY.test(text)) throw new Error(`bad entity at ${where + i}`);
    }
  }
}

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function parseXml(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let i = 0;
  let roots = 0;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    checkText(text, i);
    if (lt === -1) break;
    if (xml.startsWith('</', lt)) {
      const m = new RegExp(`</(${NAME})\\s*>`, 'y');
      m.lastIndex = lt;
      const close = m.exec(xml);
      const open = stack.pop();
      if (close === null || open === undefined || open.name !== close[1])
        throw new Error(`mismatched close tag at ${lt}`);
      i = m.lastIndex;
      continue;
    }
    const start = new RegExp(`<(${NAME})`, 'y');
    start.lastIndex = lt;
    const m = start.exec(xml);
    if (m === null) throw new Error(`bad tag at ${lt}`);
    let j = start.lastIndex;
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = j;
      const a = ATTRIBUTE.exec(xml);
      if (a === null) break;
      const key = a[1] as string;
      if (key in attributes) throw new Error(`duplicate attribute ${key} at ${j}`);
      const raw = (a[2] as string).slice(1, -1);
      checkText(raw, j);
      attributes[key] = decode(raw);
      j = ATTRIBUTE.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = j;
    const e = end.exec(xml);
    if (e === null) throw new Error(`unterminated tag at ${lt}`);
    const element: XmlElement = { name: m[1] as string, attributes, parent: stack[stack.length - 1] ?? null };
    if (element.parent === null) roots++;
    elements.push(element);
    if (e[1] !== '/') stack.push(element);
    i = end.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
  return elements;
}
