/** Escaping for text that reaches the report's HTML: scenario names, descriptions and policy names are user input. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * JSON for a `<script type="application/json">` element. `<` becomes \u003c so no `</script>` or `<!--`
 * can end the element early; `>` and `&` likewise, and U+2028/U+2029 so the text stays valid JavaScript
 * should anyone paste it into a script. Infinity (unbounded timeouts and queues) becomes null, as in the
 * summary JSON.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Library code inlined in a `<script>` element: a literal `</script` inside it would end the element. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** Library CSS inlined in a `<style>` element. */
export function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}
