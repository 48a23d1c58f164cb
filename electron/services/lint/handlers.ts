import type { Handlers } from '../../rpc/dispatch';
import type { Runtime } from '../runtime';
import { readLintSettings, writeLintSettings } from './settings';
import { spamcheck } from './spamassassin';

export function lintHandlers(rt: Runtime): Pick<Handlers, 'lint.settings.get' | 'lint.settings.set' | 'lint.spamcheck'> {
  return {
    'lint.settings.get': () => readLintSettings(rt),
    'lint.settings.set': ({ settings }) => writeLintSettings(rt, settings),
    'lint.spamcheck': ({ language, source, compiledHtml, subject }) =>
      spamcheck(language === 'mjml' ? { kind: 'mjml', source, compiledHtml } : { kind: 'html', source }, { ...(subject ? { subject } : {}), port: readLintSettings(rt).spamdPort }),
  };
}
