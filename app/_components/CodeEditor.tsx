"use client";

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { python } from "@codemirror/lang-python";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { velocity } from "./velocity";

export type CodeLanguage = "javascript" | "python" | "json" | "velocity" | "text";

/** The editor's language for a file name: JavaScript/TypeScript, Python, JSON, else plain text. */
export function languageForPath(path: string): CodeLanguage {
  if (/\.(c|m)?(j|t)sx?$/i.test(path)) return "javascript";
  if (/\.py$/i.test(path)) return "python";
  if (/\.json$/i.test(path)) return "json";
  return "text";
}

function languageExtension(language: CodeLanguage): Extension {
  switch (language) {
    case "javascript":
      return javascript({ typescript: false });
    case "python":
      return python();
    case "json":
      return json();
    case "velocity":
      return velocity;
    case "text":
      return [];
  }
}

/** The console's look: its monospace font, a light gutter, and a scroller that keeps the page short. */
const theme = EditorView.theme({
  "&": { fontSize: "13px", border: "1px solid var(--color-border-input)", borderRadius: "var(--radius-input)", backgroundColor: "#fff" },
  "&.cm-focused": { outline: "2px solid var(--color-focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "20px", overflow: "auto" },
  ".cm-gutters": { backgroundColor: "#f4f4f4", borderRight: "1px solid var(--color-border)", color: "var(--color-text-secondary)", borderRadius: "var(--radius-input) 0 0 var(--radius-input)" },
  ".cm-activeLine": { backgroundColor: "#f2f8fd" },
  ".cm-activeLineGutter": { backgroundColor: "#e5eef8" },
});

interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  language: CodeLanguage;
  /** The accessible name of the editable area, e.g. "Code for index.mjs". */
  label: string;
  readOnly?: boolean;
  /** Ids of text that describes the editor (a hint, an error). */
  describedBy?: string;
  minHeight?: number;
  maxHeight?: number;
}

/**
 * A CodeMirror 6 editor with syntax highlighting for JavaScript, Python, JSON and Velocity templates. It is controlled:
 * `value` replaces the document when it differs from what the user typed (another file opened, a
 * reset), and every edit reports the whole text. Tab indents; Escape then Tab leaves the editor.
 */
export function CodeEditor({ value, onChange, language, label, readOnly = false, describedBy, minHeight = 240, maxHeight = 560 }: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const compartments = useRef({ language: new Compartment(), editable: new Compartment(), attributes: new Compartment(), size: new Compartment() });

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // One view for the component's life; the props below are reconfigured into it.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const c = compartments.current;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          theme,
          c.language.of([]),
          c.editable.of([]),
          c.attributes.of([]),
          c.size.of([]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The initial document only; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const c = compartments.current;
    view.dispatch({
      effects: [
        c.language.reconfigure(languageExtension(language)),
        c.editable.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        c.attributes.reconfigure(
          EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy && { "aria-describedby": describedBy }), ...(readOnly && { "aria-readonly": "true" }) }),
        ),
        c.size.reconfigure(EditorView.theme({ ".cm-scroller": { minHeight: `${minHeight}px`, maxHeight: `${maxHeight}px` } })),
      ],
    });
  }, [language, readOnly, label, describedBy, minHeight, maxHeight]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={hostRef} className="code-editor" />;
}
