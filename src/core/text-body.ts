/** What a non-JSON body (an HTML error page or plain text) says. */
export interface TextBody {
  message: string | null;
  /** A status the page names in its title or first heading ("502 Bad Gateway"), if any. */
  status: number | null;
  isHtml: boolean;
}

const HTML = /<(?:!doctype html|html|head|body|title)\b/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Reads the title, first heading or first line of a text body. */
export function readTextBody(text: string): TextBody {
  const head = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (HTML.test(head)) {
    const title = tagText(head, 'title');
    const h1 = tagText(head, 'h1');
    const status = statusIn(title) ?? statusIn(h1);
    const message = title ?? h1 ?? firstLine(stripTags(head));
    return { message, status, isHtml: true };
  }
  const message = firstLine(head);
  const status = message ? /^([1-5]\d\d)\b/.exec(message) : null;
  return { message, status: status ? Number(status[1]) : null, isHtml: false };
}

function tagText(html: string, tag: string): string | null {
  const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]{0,2000}?)</${tag}>`, 'i').exec(html);
  if (!m) return null;
  const t = collapse(stripTags(m[1]));
  return t === '' ? null : t;
}

function statusIn(text: string | null): number | null {
  const m = text ? /\b([45]\d\d)\b/.exec(text) : null;
  return m ? Number(m[1]) : null;
}

function stripTags(html: string): string {
  return html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
    .replace(/&(#?\w+);/g, (all, name: string) => ENTITIES[name.toLowerCase()] ?? all);
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function firstLine(text: string): string | null {
  for (const line of text.split('\n', 50)) {
    const t = collapse(line);
    if (t !== '') return t.length > 200 ? `${t.slice(0, 197)}...` : t;
  }
  return null;
}
