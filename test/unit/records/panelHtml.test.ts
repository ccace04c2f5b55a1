import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, renderPanelHtml } from '../../../src/records/panel/panelHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123+/=',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/recordPanel.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicons/codicon.css'],
  language: 'en',
  loadingText: 'Loading the record…',
};

describe('record panel HTML', () => {
  it('has a CSP that allows nothing but our nonce script and our own styles, fonts and images', () => {
    assert.equal(
      contentSecurityPolicy(options.cspSource, options.nonce),
      `default-src 'none'; script-src 'nonce-abc123+/='; style-src ${options.cspSource}; font-src ${options.cspSource}; img-src ${options.cspSource}`,
    );
    const html = renderPanelHtml(options);
    assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-abc123+/='`.replace(/'/g, '&#39;')));
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  });

  it('loads exactly one script, by nonce, and no inline code or handlers', () => {
    const html = renderPanelHtml(options);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes('nonce="abc123+/="'));
    assert.ok(scripts[0].includes(`src="${options.scriptUri}"`));
    assert.ok(html.includes('></script>'), 'the script element is empty');
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/\sstyle=/i.test(html), 'no inline styles');
  });

  it('escapes what it is given', () => {
    const html = renderPanelHtml({ ...options, loadingText: '<img src=x onerror=alert(1)>', language: 'en" onload="x' });
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('lang="en&quot; onload=&quot;x"'));
  });
});
