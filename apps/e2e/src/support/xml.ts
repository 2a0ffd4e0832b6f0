/**
 * A tiny XML reader for the API's own documents (elements and text, no attributes): enough to
 * prove they are well-formed and to read them back. Throws on anything it does not expect.
 */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const TOKEN = /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/gy;
const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
};

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [root];
  for (let at = 0; at < xml.length;) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(xml);
    if (!m) throw new Error(`unreadable XML at character ${at}: ${xml.slice(at, at + 40)}`);
    at = TOKEN.lastIndex;
    const [, closing, name, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      if (stack.length === 1 && text.trim()) throw new Error('text outside the root element');
      top.text += text.replace(/&[a-z]+;|&/g, (e) => {
        if (!(e in ENTITIES)) throw new Error(`unknown entity ${e}`);
        return ENTITIES[e]!;
      });
    } else if (name && closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else if (name) {
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

/** The leaf children of each `item` under the root, as records (element order kept). */
export function xmlRecords(root: XmlNode, item: string): Record<string, string>[] {
  return root.children.map((c) => {
    if (c.name !== item) throw new Error(`<${c.name}> where <${item}> was expected`);
    return Object.fromEntries(c.children.map((leaf) => [leaf.name, leaf.text]));
  });
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}
