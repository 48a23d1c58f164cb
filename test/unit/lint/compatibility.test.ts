import { describe, expect, it } from 'vitest';
import { caniemailDataDate, caniemailVersion, lint } from '../../../shared/lint/index';
import { judgeFeature, makePolicy } from '../../../shared/lint/rules/compatibility/policy';
import { html } from './samples';

const compat = (body: string, config = {}) => lint(html(body), { config }).findings.filter((f) => f.family === 'compatibility');

describe('compatibility: caniemail data judged by audience share', () => {
  it('bundles caniemail 1.0.5 data of 2025-09-09', () => {
    expect(caniemailVersion).toBe('1.0.5');
    expect(caniemailDataDate).toMatch(/^2025-09-09/);
  });

  it('makes a feature most of the audience loses an error, naming the clients and the share', () => {
    const [flex] = compat('<div style="display:flex"><p>A</p></div>').filter((f) => f.rule === 'caniemail/css-display-flex');
    expect(flex).toBeDefined();
    expect(flex!.message).toMatch(/Outlook Windows/);
    expect(flex!.message).toMatch(/% of opens/);
  });

  it('follows the chosen clients: the same feature is quiet when only Apple Mail is chosen', () => {
    const rule = 'caniemail/css-display-flex';
    expect(compat('<div style="display:flex"><p>A</p></div>', { clients: ['apple-mail.ios', 'apple-mail.macos'] }).map((f) => f.rule)).not.toContain(rule);
  });

  it('sets severity by the share of the audience that loses the feature', () => {
    const policy = (weights: Record<string, number>) => makePolicy(Object.keys(weights), weights);
    const none = { hasMsoConditionals: false };
    expect(judgeFeature('css-display-flex', policy({ 'outlook.windows': 50, 'apple-mail.ios': 50 }), none)?.severity).toBe('error');
    expect(judgeFeature('css-display-flex', policy({ 'outlook.windows': 10, 'apple-mail.ios': 90 }), none)?.severity).toBe('warning');
    expect(judgeFeature('css-display-flex', policy({ 'outlook.windows': 1, 'apple-mail.ios': 99 }), none)?.severity).toBe('info');
    expect(judgeFeature('css-display-flex', policy({ 'apple-mail.ios': 100 }), none)?.severity).toBeUndefined();
  });

  it('explains partial support with caniemail notes', () => {
    const verdict = judgeFeature('css-display-flex', makePolicy(['gmail.android']), { hasMsoConditionals: false })!;
    expect(verdict.losses[0]).toMatchObject({ client: 'gmail.android', support: 'partial' });
    expect(verdict.losses[0]!.notes.join(' ')).toMatch(/non Google accounts|inline-flex/);
  });

  it('leaves lost enhancements (border-radius) to the client summary, and treats MSO ghost tables as Outlook mitigation', () => {
    const radius = lint(html('<p style="border-radius:4px">A</p>'), { config: { clients: ['outlook.windows'] } });
    expect(radius.findings.map((f) => f.rule)).not.toContain('caniemail/css-border-radius');
    expect(radius.clients[0]).toMatchObject({ client: 'outlook.windows', unsupported: 1 });
    const maxWidth = '<div style="max-width:600px"><p>A</p></div>';
    expect(compat(maxWidth, { clients: ['outlook.windows'] }).map((f) => f.rule)).toContain('caniemail/css-max-width');
    expect(compat(`<!--[if mso]><table role="presentation"><tr><td><![endif]-->${maxWidth}<!--[if mso]></td></tr></table><![endif]-->`, { clients: ['outlook.windows'] }).map((f) => f.rule)).not.toContain('caniemail/css-max-width');
  });

  it('summarises per client how many used features it loses', () => {
    const result = lint(html('<div style="display:flex"><p>A</p></div>'));
    const outlook = result.clients.find((c) => c.client === 'outlook.windows')!;
    const apple = result.clients.find((c) => c.client === 'apple-mail.ios')!;
    expect(outlook.unsupported).toBeGreaterThan(apple.unsupported);
    expect(result.clients.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 5);
  });
});
