// A small well-formedness check for the JUnit reports (no XML parser in the kit): every tag
// closes in order, attributes are quoted, every entity is one of XML's five or a character
// reference. Answers the elements with their attributes and text, in document order.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function checkEntities(text: string, where: number): void {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`bad entity near offset ${where + i}: ${text.slice(i, i + 12)}`);
  }
  if (text.includes('<')) throw new Error(`a raw < near offset ${where}`);
}

/** Parses `xml` (after the declaration) into its root element; throws on anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  let offset = xml.length - rest.length;
  const root: XmlElement = { name: '#document', attributes: {}, text: '', children: [] };
  const stack: XmlElement[] = [root];
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    checkEntities(text, offset);
    (stack[stack.length - 1] as XmlElement).text += decode(text);
    if (lt === -1) break;
    const gt = rest.indexOf('>', lt);
    if (gt === -1) throw new Error(`unclosed tag at offset ${offset + lt}`);
    const tag = rest.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes <${open?.name}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*$/.exec(body);
      if (!m) throw new Error(`malformed tag at offset ${offset + lt}: <${tag.slice(0, 60)}>`);
      const attributes: Record<string, string> = {};
      for (const a of (m[2] ?? '').matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        checkEntities(a[2] ?? '', offset + lt);
        attributes[a[1] as string] = decode(a[2] ?? '');
      }
      const element: XmlElement = { name: m[1] as string, attributes, text: '', children: [] };
      (stack[stack.length - 1] as XmlElement).children.push(element);
      if (!selfClosing) stack.push(element);
    }
    offset += gt + 1;
    rest = rest.slice(gt + 1);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('an XML document has exactly one root element');
  return root.children[0] as XmlElement;
}
