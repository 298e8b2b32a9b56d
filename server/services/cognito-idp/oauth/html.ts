/** The hosted UI's HTML: an escaped template of a card with a form, styled inline (the pages run no scripts). */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup built by these helpers, which escape whatever they are given as text. */
export interface Html {
  readonly html: string;
}

/** What a page is made of: markup, text to escape, or nothing (a condition that did not hold). */
export type Content = Html | string | false | undefined;

const raw = (html: string): Html => ({ html });

/** Joins text (escaped) and markup (as is). */
export const join = (...parts: Content[]): Html =>
  raw(parts.map((p) => (p === false || p === undefined ? "" : typeof p === "string" ? escapeHtml(p) : p.html)).join(""));

export const element = (tag: string, attributes: Record<string, string | undefined>, ...children: Content[]): Html => {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  return raw(`<${tag}${attrs}>${join(...children).html}</${tag}>`);
};

export interface Field {
  name: string;
  label: string;
  type?: "text" | "email" | "tel" | "password";
  value?: string;
  autocomplete?: string;
}

export const input = (field: Field): Html =>
  join(
    element("label", { for: field.name }, field.label),
    raw(
      `<input id="${escapeHtml(field.name)}" name="${escapeHtml(field.name)}" type="${field.type ?? "text"}"${field.value ? ` value="${escapeHtml(field.value)}"` : ""}${field.autocomplete ? ` autocomplete="${escapeHtml(field.autocomplete)}"` : ""} required>`,
    ),
  );

export const hidden = (name: string, value: string): Html => raw(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);

export const button = (label: string, name?: string, secondary = false): Html =>
  element("button", { type: "submit", name, value: name ? "1" : undefined, class: secondary ? "secondary" : undefined, formnovalidate: secondary ? "" : undefined }, label);

export const link = (href: string, text: string): Html => element("a", { href }, text);

export const message = (kind: "error" | "notice", text: string | undefined): Html | false => !!text && element("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:#f2f3f3;font:14px/1.5 "Amazon Ember","Helvetica Neue",Roboto,Arial,sans-serif;color:#16191f;display:flex;flex-direction:column;align-items:center}
header{width:100%;background:#232f3e;color:#fff;padding:12px 24px;font-weight:700;letter-spacing:.2px}
main{width:100%;max-width:380px;margin:48px 16px;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,28,36,.3);padding:28px 32px}
h1{font-size:20px;margin:0 0 4px}
.sub{color:#5f6b7a;margin:0 0 20px}
label{display:block;font-weight:700;margin:14px 0 4px}
input{width:100%;padding:8px 10px;border:1px solid #8c8c94;border-radius:4px;font:inherit}
input:focus{outline:2px solid #0972d3;border-color:#0972d3}
button{width:100%;margin-top:20px;padding:9px;border:0;border-radius:20px;background:#ff9900;color:#0f1b2a;font:inherit;font-weight:700;cursor:pointer}
button:hover{background:#ec7211}
button.secondary{background:none;color:#0972d3;margin-top:8px;border:1px solid #0972d3}
.error{background:#fff7f7;border:1px solid #d91515;color:#d91515;border-radius:4px;padding:8px 12px}
.notice{background:#f2f8fd;border:1px solid #0972d3;color:#0a4a74;border-radius:4px;padding:8px 12px}
a.idp{display:block;margin-top:12px;padding:8px;border:1px solid #0972d3;border-radius:20px;text-align:center;font-weight:700}
a.idp:hover{background:#f2f8fd;text-decoration:none}
.label{font-weight:700;margin:14px 0 4px}
.secret{font-family:Menlo,Consolas,monospace;word-break:break-all;background:#f2f3f3;border-radius:4px;padding:8px 12px;margin:0}
.or{text-align:center;color:#5f6b7a;margin:16px 0 0}
.links{margin-top:18px;text-align:center}
.links a{display:block;margin-top:6px}
a{color:#0972d3;text-decoration:none}
a:hover{text-decoration:underline}
`;

/** A whole page: the pool's name in the header, one card. */
export function page(title: string, poolName: string, ...content: Content[]): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${
    join(element("header", {}, poolName), element("main", {}, ...content)).html
  }</body></html>`;
}
