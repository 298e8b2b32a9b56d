import { StreamLanguage } from "@codemirror/language";

/** Velocity's directives, also in their braced form (`#{if}`). */
const DIRECTIVE = /^#\{?(?:set|if|elseif|else|end|foreach|break|stop|macro|define|parse|include|evaluate)\b\}?/;
/** A reference with its property chain: `$input.body`, `$!{context.requestId}`, `$util.escapeJavaScript`. */
const REFERENCE = /^\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z_]\w*)*\}?/;

/**
 * Velocity (VTL), the language of API Gateway's mapping templates, as a simple stream mode: comments,
 * directives, references, strings and numbers. Templates are mostly JSON around it, which reads fine
 * with strings and numbers marked.
 */
export const velocity = StreamLanguage.define<{ inBlockComment: boolean }>({
  name: "velocity",
  startState: () => ({ inBlockComment: false }),
  token(stream, state) {
    if (state.inBlockComment) {
      if (stream.skipTo("*#")) {
        stream.match("*#");
        state.inBlockComment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (stream.match("##")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("#*")) {
      state.inBlockComment = true;
      return "comment";
    }
    if (stream.match(DIRECTIVE)) return "keyword";
    if (stream.match(REFERENCE)) return "variableName";
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return "string";
    if (stream.match(/^-?\d+(?:\.\d+)?/)) return "number";
    if (stream.match(/^(?:true|false|null)\b/)) return "atom";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "##", block: { open: "#*", close: "*#" } } },
});
