/**
 * How editors and GitHub render the text the product sends them, for the
 * hostile-content tests: Markdown through markdown-it with raw HTML and
 * autolinks on (stricter than VS Code's hovers, which allow neither), and
 * VS Code's own rules for `$(icon)` labels and `[label](link)` in
 * notifications, copied from its sources.
 */
import MarkdownIt from 'markdown-it';

const markdownIt = new MarkdownIt({ html: true, linkify: true });

export function renderMarkdown(source: string): string {
  return markdownIt.render(source);
}

/** The tags text from a KPI file may end up in: formatting only, no link, image, media, script, style or form. */
const SAFE_TAG = /^<\/?(p|strong|em|code|ul|li|h2|table|thead|tbody|tr|th|td)( style="text-align:(left|right|center)")?>$/;

/** Every tag of rendered HTML that is not plain formatting. */
export function unsafeTags(html: string): string[] {
  return (html.match(/<[^>]*>/g) ?? []).filter((tag) => !SAFE_TAG.test(tag));
}

/** The text of rendered HTML, as a reader sees it. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each element `tag` in rendered HTML (no nesting of the same tag). */
export function elementTexts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1]));
}

/** VS Code's `$(name)` icon syntax (vs/base/common/iconLabels.ts), as in CodeLens titles and notifications. */
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** What VS Code shows for a label with icons: the text, and the icons it draws. */
export function vscodeLabel(label: string): { text: string; icons: string[] } {
  const icons: string[] = [];
  const text = label.replace(ICON, (_match, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { text, icons };
}

/** VS Code's links in notification messages (vs/base/common/linkedText.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The links VS Code makes of a notification message. */
export function vscodeNotificationLinks(message: string): string[] {
  return [...message.matchAll(LINK)].map((m) => m[2]);
}
