import { describe, expect, it } from 'vitest';
import { lintStatus } from '../../../renderer/src/shell/lint-status';
import type { Finding } from '../../../shared/model/finding';

const finding = (severity: Finding['severity']): Finding => ({ rule: 'r', family: 'spam', severity, message: 'm', why: 'w', fix: 'f' });
const base = { findings: [] as Finding[], current: true, broken: false, failed: false };

describe('the status bar lint item says what the lint of the source on screen found, and nothing more', () => {
  it('a lint of the source on screen: its mark and counts', () => {
    expect(lintStatus({ ...base, spamScore: 0 })).toEqual({ mark: '✓ ', text: 'No findings · spam 0.0', error: false });
    expect(lintStatus({ ...base, findings: [finding('info')], spamScore: 1.26 })).toEqual({ mark: '✓ ', text: '1 note · spam 1.3', error: false });
    expect(lintStatus({ ...base, findings: [finding('warning'), finding('info'), finding('info')], spamScore: 2 })).toEqual({ mark: '▲ ', text: '1 warning · 2 notes · spam 2.0', error: false });
    expect(lintStatus({ ...base, findings: [finding('error'), finding('error')], spamScore: 6.6 })).toEqual({ mark: '✖ ', text: '2 errors · spam 6.6', error: true });
    // -0.04 rounds to "0.0", not "-0.0".
    expect(lintStatus({ ...base, spamScore: -0.04 }).text).toBe('No findings · spam 0.0');
  });

  it('never linted: no mark of a verdict', () => {
    expect(lintStatus(base)).toEqual({ mark: '○ ', text: 'Not linted yet', error: false });
    expect(lintStatus({ ...base, failed: true })).toEqual({ mark: '✖ ', text: 'Lint failed', error: true });
  });

  it('an earlier source\'s result while the lint of this one is on its way is the last result, with no "✓" and no count of its own', () => {
    expect(lintStatus({ ...base, current: false, findings: [finding('info')], spamScore: 0 })).toEqual({ mark: '○ ', text: 'Linting… · last result: 1 note · spam 0.0', error: false });
    expect(lintStatus({ ...base, current: false, findings: [finding('error')], spamScore: 6.6 })).toEqual({ mark: '○ ', text: 'Linting… · last result: 1 error · spam 6.6', error: false });
    // A lint that failed leaves the last result standing, and says so.
    expect(lintStatus({ ...base, current: false, failed: true, spamScore: 0 })).toEqual({ mark: '✖ ', text: 'Lint failed · last result: No findings · spam 0.0', error: true });
  });

  it('MJML that does not compile: the result is the last good compile\'s, never a "✓"', () => {
    expect(lintStatus({ ...base, broken: true, spamScore: 0 })).toEqual({ mark: '✖ ', text: 'Does not compile · last good compile: No findings · spam 0.0', error: true });
  });
});
