import { Fragment, useEffect, useRef, useState } from 'react';
import { client } from '../../platform/index';
import type { AppError } from '../../../../shared/contract/errors';

const TYPES = /^(A|AAAA|MX|TXT|CNAME|NS|PTR|SOA|IN)$/i;

/** Splits one zone-file line into highlighted spans: a `;` inside quotes is text, not a comment. */
export function highlightLine(line: string): Array<{ text: string; kind: string }> {
  const spans: Array<{ text: string; kind: string }> = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ';') {
      spans.push({ text: line.slice(i), kind: 'comment' });
      break;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      spans.push({ text: line.slice(i, j + 1), kind: 'string' });
      i = j + 1;
      continue;
    }
    const word = /^[^\s;"]+/.exec(line.slice(i));
    if (word) {
      const text = word[0];
      const kind = text.startsWith('$') ? 'directive' : TYPES.test(text) ? 'type' : /^\d+[wdhms]?$/i.test(text) ? 'number' : text === '@' ? 'directive' : 'name';
      spans.push({ text, kind });
      i += text.length;
      continue;
    }
    const space = /^\s+/.exec(line.slice(i))![0];
    spans.push({ text: space, kind: 'space' });
    i += space.length;
  }
  return spans;
}

export interface ZoneState {
  text: string;
  records: number;
  error?: AppError;
}

/** An RFC 1035 zone with syntax colours and the parser's error on its line, checked as you type. */
export function ZoneEditor({ value, onChange }: { value: ZoneState; onChange(next: ZoneState): void }) {
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const latest = useRef(value.text);
  latest.current = value.text;
  useEffect(() => {
    const text = value.text;
    const timer = setTimeout(() => {
      client.call('auth.parseZone', { text }).then(
        (result) => latest.current === text && onChange({ text, records: result.records.length }),
        (error: AppError) => latest.current === text && onChange({ text, records: 0, error }),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [value.text]);
  const lines = value.text.split('\n');
  const errorLine = value.error?.details?.line;
  return (
    <div className="auth-tab">
      <p className="auth-muted">
        Type or paste records as BIND and NSD read them ($ORIGIN, $TTL, relative names, TXT in several strings). Checks that use the offline zone answer only from here: nothing needs to be published.
      </p>
      <div className="zone-editor">
        <div className="zone-gutter" aria-hidden="true" style={{ transform: `translateY(${-scroll.top}px)` }}>
          {lines.map((_, index) => (
            <div key={index} className={index + 1 === errorLine ? 'zone-error-line' : undefined}>
              {index + 1}
            </div>
          ))}
        </div>
        <div className="zone-body">
          <pre className="zone-highlight mono" aria-hidden="true" style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
            {lines.map((line, index) => (
              <div key={index} className={index + 1 === errorLine ? 'zone-error-line' : undefined}>
                {highlightLine(line).map((span, spanIndex) => (
                  <Fragment key={spanIndex}>{span.kind === 'space' ? span.text : <span className={`zone-${span.kind}`}>{span.text}</span>}</Fragment>
                ))}
                {'\n'}
              </div>
            ))}
          </pre>
          <textarea
            className="zone-input mono"
            aria-label="Zone file"
            aria-invalid={value.error ? true : undefined}
            aria-describedby="zone-status"
            spellCheck={false}
            wrap="off"
            value={value.text}
            onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, left: event.currentTarget.scrollLeft })}
            onChange={(event) => onChange({ ...value, text: event.target.value })}
          />
        </div>
      </div>
      <p id="zone-status" role="status" className={value.error ? 'auth-problem' : 'auth-muted'} data-testid="zone-status">
        {value.error ? `Line ${errorLine ?? '?'}: ${value.error.message.replace(/^zone line \d+: /, '')} ${value.error.details?.hint ?? ''}` : `${value.records} records, no errors.`}
      </p>
    </div>
  );
}
