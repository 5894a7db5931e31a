/** One element: its local name (namespace prefix dropped), its child elements, its own text. */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

/** Deeper than AWS answers ever nest: refused rather than followed. */
const MAX_DEPTH = 32;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The XML of AWS Query API answers (STS) read into elements: tags with their attributes
 * skipped, text with the five predefined entities and character references, CDATA, comments,
 * the XML declaration. A DOCTYPE is refused, so there are no entity definitions to expand (no
 * XXE, no billion laughs); mismatched or unclosed tags, text outside the root and unknown
 * entities throw. Not a general XML parser: it reads what STS sends.
 */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    const end = open === -1 ? text.length : open;
    if (end > index) addText(stack, decodeEntities(text.slice(index, end)));
    if (open === -1) break;
    if (text.startsWith('<?', open)) index = after(text, '?>', open);
    else if (text.startsWith('<!--', open)) index = after(text, '-->', open);
    else if (text.startsWith('<![CDATA[', open)) {
      const close = after(text, ']]>', open);
      addText(stack, text.slice(open + 9, close - 3));
      index = close;
    } else if (text.startsWith('<!', open)) throw new Error('XML: DOCTYPE and other declarations are not accepted');
    else if (text.startsWith('</', open)) {
      const close = after(text, '>', open);
      const name = localName(text.slice(open + 2, close - 1).trim());
      const element = stack.pop();
      if (element === undefined || element.name !== name) throw new Error(`XML: </${name}> closes no open element`);
      index = close;
    } else {
      const close = tagEnd(text, open);
      const selfClosing = text[close - 2] === '/';
      const name = localName(/^<([^\s/>]+)/.exec(text.slice(open, close))?.[1] ?? '');
      if (name === '') throw new Error('XML: a tag without a name');
      const element: XmlElement = { name, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(element);
      else if (root === undefined) root = element;
      else throw new Error('XML: more than one root element');
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new Error('XML: nested too deep');
        stack.push(element);
      }
      index = close;
    }
  }
  if (root === undefined) throw new Error('XML: no root element');
  if (stack.length > 0) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

/** The first child element of that name, if any. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

function addText(stack: readonly XmlElement[], value: string): void {
  const current = stack[stack.length - 1];
  if (current !== undefined) current.text += value;
  else if (value.trim() !== '') throw new Error('XML: text outside the root element');
}

/** The index just past `marker`, searching from `from`. */
function after(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  if (found === -1) throw new Error(`XML: ${marker} missing`);
  return found + marker.length;
}

/** The index just past a start tag's `>`, attribute values (which may hold `>`) skipped. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let index = from + 1; index < text.length; index++) {
    const character = text[index];
    if (quote !== '') {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '>') return index + 1;
  }
  throw new Error('XML: a tag is not closed');
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&([^;&\s]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new Error('XML: a bare & in text');
    if (/^#[xX][0-9a-fA-F]{1,6}$/.test(entity)) return fromCodePoint(Number.parseInt(entity.slice(2), 16), entity);
    if (/^#[0-9]{1,7}$/.test(entity)) return fromCodePoint(Number.parseInt(entity.slice(1), 10), entity);
    const known = ENTITIES[entity];
    if (known === undefined) throw new Error(`XML: unknown entity &${entity};`);
    return known;
  });
}

function fromCodePoint(codePoint: number, entity: string): string {
  if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > 0x10ffff) throw new Error(`XML: bad character reference &${entity};`);
  return String.fromCodePoint(codePoint);
}
