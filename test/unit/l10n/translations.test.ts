import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Every string a user reads is translated into each display language the extension supports: the messages of
 * src/ (extracted by @vscode/l10n-dev, as `npm run l10n:export` does) and the manifest's `package.nls.json`.
 * A string added without its Japanese and Chinese translations fails here.
 */
const root = path.join(__dirname, '..', '..', '..');
const locales = ['ja', 'zh-cn'];

type Bundle = Record<string, string | { message: string; comment: string[] }>;

interface L10nScript {
  extractBundle(): Promise<Bundle>;
  formatBundle(bundle: Bundle): string;
}

function readJson<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(path.join(root, ...segments), 'utf8')) as T;
}

function messageOf(value: Bundle[string]): string {
  return typeof value === 'string' ? value : value.message;
}

/** What a translation must carry over unchanged: `{0}` placeholders, `$(icon)` codicons, `command:` links. */
function tokens(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|\$\([\w~-]+\)|\(command:[\w.]+\)/g)].map((match) => match[0]).sort();
}

/** Names that AWS's own Japanese and Chinese consoles keep in English. */
const names = new Set(['Service Catalog', 'Service Catalog Actions']);

/** English that may stay English: a name, or nothing a translator could translate (no word of two lowercase letters). */
function needsTranslation(english: string): boolean {
  return !names.has(english) && /[a-z]{2}/.test(english.replace(/\{\d+\}|\$\([\w~-]+\)/g, ''));
}

function checkTranslations(name: string, english: Record<string, string>, translated: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, source] of Object.entries(english)) {
    const text = translated[key];
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`${name}: no translation of ${JSON.stringify(key)}`);
      continue;
    }
    if (tokens(text).join(' ') !== tokens(source).join(' ')) {
      problems.push(`${name}: ${JSON.stringify(key)} has ${tokens(text).join(' ') || 'no placeholders'}, the English has ${tokens(source).join(' ') || 'none'}`);
    }
    if (text === source && needsTranslation(source)) {
      problems.push(`${name}: ${JSON.stringify(key)} is still in English`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) problems.push(`${name}: ${JSON.stringify(key)} is no longer used (npm run l10n:export lists it)`);
  }
  return problems;
}

describe('translations', function () {
  this.timeout(60_000);

  describe('messages of src/ (l10n/bundle.l10n.json)', () => {
    let extracted: Bundle;
    let english: Record<string, string>;

    before(async () => {
      const script = (await import(path.join(root, 'scripts', 'l10n.mjs'))) as L10nScript;
      extracted = await script.extractBundle();
      english = Object.fromEntries(Object.entries(extracted).map(([key, value]) => [key, messageOf(value)]));
      const committed = readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8');
      assert.equal(committed, script.formatBundle(extracted), 'l10n/bundle.l10n.json is not what the sources say: run npm run l10n:export');
    });

    it('finds the strings of the host, the vscode-free modules and the webview', () => {
      // One of each kind of call: vscode.l10n.t, t() of @vscode/l10n in a vscode-free module, and in the webview.
      for (const key of ['Execute Service Action', 'Access denied', 'Copied the record as JSON', 'Available']) {
        assert.ok(key in english, `${key} was not extracted`);
      }
      assert.ok(Object.keys(english).length > 300, `only ${Object.keys(english).length} strings`);
    });

    for (const locale of locales) {
      it(`has every string in l10n/bundle.l10n.${locale}.json, with the same placeholders`, () => {
        const problems = checkTranslations(`bundle.l10n.${locale}.json`, english, readJson(`l10n`, `bundle.l10n.${locale}.json`));
        assert.deepEqual(problems, []);
      });
    }
  });

  describe('the manifest (package.nls.json)', () => {
    const manifest = readJson<Record<string, unknown>>('package.json');
    const nls = readJson<Record<string, string>>('package.nls.json');

    it('says nothing to users in package.json itself: every title, name and description is a %key% of package.nls.json', () => {
      const userFacing = new Set(['displayName', 'description', 'markdownDescription', 'title', 'name', 'category', 'contents', 'enumDescriptions']);
      const literal: string[] = [];
      const missing: string[] = [];
      /** `field` is the nearest property name: an array's items count as their property's. */
      const visit = (value: unknown, at: string, field: string): void => {
        if (typeof value === 'string') {
          const reference = /^%(.+)%$/.exec(value);
          if (reference && !(reference[1] in nls)) missing.push(`${at}: ${value}`);
          if (!reference && userFacing.has(field)) literal.push(`${at}: ${value}`);
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => visit(item, `${at}[${index}]`, field));
        } else if (value && typeof value === 'object') {
          for (const [key, item] of Object.entries(value)) visit(item, `${at}.${key}`, key);
        }
      };
      visit(manifest.displayName, 'displayName', 'displayName');
      visit(manifest.description, 'description', 'description');
      visit(manifest.contributes, 'contributes', 'contributes');
      assert.deepEqual(missing, [], 'references with no entry in package.nls.json');
      assert.deepEqual(literal, [], 'user-facing strings written in package.json instead of package.nls.json');
    });

    it('uses every key of package.nls.json', () => {
      const text = readFileSync(path.join(root, 'package.json'), 'utf8');
      assert.deepEqual(Object.keys(nls).filter((key) => !text.includes(`"%${key}%"`)), []);
    });

    for (const locale of locales) {
      it(`has every key in package.nls.${locale}.json, with the same placeholders and command links`, () => {
        assert.deepEqual(checkTranslations(`package.nls.${locale}.json`, nls, readJson(`package.nls.${locale}.json`)), []);
      });
    }
  });
});
