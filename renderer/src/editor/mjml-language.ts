import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { conf, language } from 'monaco-editor/languages/definitions/html/html';
import { closingTagFor, contextAt, type MjmlContext } from './mjml-context';
import { type AttributeSpec, enumValues, isMjmlTag, mjmlTags, type TagSpec } from './mjml-data';
import { mjmlSnippets } from './snippets';

type Monaco = typeof MonacoApi;
type CompletionItem = MonacoApi.languages.CompletionItem;

/** A tag that takes neither MJML children nor HTML content is written self-closed. */
const selfClosing = (spec: TagSpec): boolean => !spec.endingTag && spec.children.length === 0;

function tagDocs(name: string, spec: TagSpec): string {
  const children = spec.children.length > 0 ? `\n\nChildren: ${spec.children.map((child) => `\`${child}\``).join(', ')}` : '';
  const ending = spec.endingTag ? '\n\nAn ending tag: it holds HTML, not other MJML tags.' : '';
  return `**<${name}>**\n\n${spec.description}${ending}${children}`;
}

function attributeDocs(tag: string, name: string, spec: AttributeSpec): string {
  return [`**${name}** on \`${tag}\``, spec.description ?? '', `Accepts: \`${spec.type}\``, spec.default === undefined ? '' : `Default: \`${spec.default}\``]
    .filter(Boolean)
    .join('\n\n');
}

function completions(monaco: Monaco, context: MjmlContext, range: MonacoApi.IRange, invoked: boolean): CompletionItem[] {
  const { CompletionItemKind: Kind, CompletionItemInsertTextRule: Rule } = monaco.languages;
  const snippetItems = (): CompletionItem[] =>
    mjmlSnippets.map((snippet) => ({
      label: snippet.label,
      kind: Kind.Snippet,
      detail: snippet.description,
      insertText: snippet.body,
      insertTextRules: Rule.InsertAsSnippet,
      range,
    }));
  switch (context.kind) {
    case 'tag': {
      if (context.closing) {
        return context.parent ? [{ label: `/${context.parent}`, kind: Kind.Property, insertText: `${context.parent}>`, range }] : [];
      }
      const allowed = context.parent ? (mjmlTags[context.parent]?.children ?? []) : ['mjml'];
      const names = allowed.length > 0 ? allowed : Object.keys(mjmlTags);
      return names
        .filter((name) => isMjmlTag(name))
        .map((name) => {
          const spec = mjmlTags[name]!;
          return {
            label: name,
            kind: Kind.Property,
            detail: spec.endingTag ? 'MJML ending tag' : 'MJML tag',
            documentation: { value: tagDocs(name, spec) },
            insertText: selfClosing(spec) ? `${name} $0/>` : `${name}>$0</${name}>`,
            insertTextRules: Rule.InsertAsSnippet,
            range,
          };
        });
    }
    case 'attribute': {
      const spec = mjmlTags[context.tag];
      if (!spec) return [];
      return Object.entries(spec.attributes)
        .filter(([name]) => !context.present.includes(name))
        .map(([name, attribute]) => ({
          label: name,
          kind: Kind.Field,
          detail: attribute.type,
          documentation: { value: attributeDocs(context.tag, name, attribute) },
          insertText: `${name}="$1"`,
          insertTextRules: Rule.InsertAsSnippet,
          range,
          command: { id: 'editor.action.triggerSuggest', title: 'Suggest values' },
        }));
    }
    case 'value': {
      const attribute = mjmlTags[context.tag]?.attributes[context.attribute];
      if (!attribute) return [];
      const values = [...new Set([...enumValues(attribute.type), ...(attribute.default ? [attribute.default] : [])])];
      return values.map((value) => ({
        label: value,
        kind: Kind.Value,
        detail: value === attribute.default ? 'default' : attribute.type,
        insertText: value,
        range,
      }));
    }
    case 'content':
      // Between tags people write text: block snippets come only when asked for (Ctrl+Space).
      return invoked ? snippetItems() : [];
  }
}

/** The tag or attribute name under the cursor, with its docs. */
function hoverAt(model: MonacoApi.editor.ITextModel, position: MonacoApi.Position): MonacoApi.languages.Hover | undefined {
  const word = model.getWordAtPosition(position);
  if (!word) return undefined;
  const line = model.getLineContent(position.lineNumber);
  const before = line.slice(0, word.startColumn - 1);
  const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
  if (/<\/?$/.test(before)) {
    const spec = mjmlTags[word.word];
    return spec ? { range, contents: [{ value: tagDocs(word.word, spec) }] } : undefined;
  }
  const textBefore = model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: position.lineNumber, endColumn: word.startColumn });
  const context = contextAt(textBefore);
  if (context.kind !== 'attribute') return undefined;
  const attribute = mjmlTags[context.tag]?.attributes[word.word];
  return attribute ? { range, contents: [{ value: attributeDocs(context.tag, word.word, attribute) }] } : undefined;
}

export function registerMjmlLanguage(monaco: Monaco): void {
  monaco.languages.register({ id: 'mjml', extensions: ['.mjml'], aliases: ['MJML', 'mjml'] });
  // MJML is HTML-shaped (with <mj-style> CSS and HTML inside ending tags): HTML's tokenizer colours it well.
  monaco.languages.setMonarchTokensProvider('mjml', language);
  monaco.languages.setLanguageConfiguration('mjml', conf);
  monaco.languages.registerCompletionItemProvider('mjml', {
    triggerCharacters: ['<', ' ', '"', '/'],
    provideCompletionItems(model, position, context) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const textBefore = model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
      const invoked = context.triggerKind === monaco.languages.CompletionTriggerKind.Invoke;
      return { suggestions: completions(monaco, contextAt(textBefore), range, invoked) };
    },
  });
  monaco.languages.registerHoverProvider('mjml', { provideHover: hoverAt });
}

/** Typing the `>` of `<mj-x …>` inserts `</mj-x>` after the cursor (MJML documents only). */
export function installTagClosing(monaco: Monaco, editor: MonacoApi.editor.IStandaloneCodeEditor): MonacoApi.IDisposable {
  return editor.onDidChangeModelContent((event) => {
    const model = editor.getModel();
    if (!model || model.getLanguageId() !== 'mjml' || event.isUndoing || event.isRedoing || event.changes.length !== 1) return;
    const change = event.changes[0]!;
    if (change.text !== '>') return;
    const position = editor.getPosition();
    if (!position) return;
    const line = model.getLineContent(position.lineNumber);
    const textBefore = model.getValueInRange({ startLineNumber: Math.max(1, position.lineNumber - 20), startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
    const closing = closingTagFor(textBefore, line.slice(position.column - 1));
    if (!closing) return;
    const at = new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column);
    editor.executeEdits('mjml-tag-closing', [{ range: at, text: closing }], [new monaco.Selection(position.lineNumber, position.column, position.lineNumber, position.column)]);
  });
}
