import * as assert from 'node:assert/strict';
import { acceptLanguageFor, Settings, type SettingName, type SettingsSource } from '../../../src/catalog/settings';

function source(values: Partial<Record<SettingName, unknown>>): SettingsSource & { written: Array<[SettingName, unknown]> } {
  const written: Array<[SettingName, unknown]> = [];
  return {
    written,
    get: <T>(name: SettingName, defaultValue: T) => (name in values ? (values[name] as T) : defaultValue),
    setGlobal: async (name, value) => void written.push([name, value]),
    onDidChange: () => ({ dispose: () => undefined }),
  };
}

describe('Settings', () => {
  it('reads each setting with its default', () => {
    const settings = new Settings(source({}), 'en');
    assert.deepEqual(settings.profiles, []);
    assert.deepEqual(settings.regions, []);
    assert.equal(settings.accessLevel, 'User');
    assert.equal(settings.confirmBeforeExecute, true);
    assert.equal(settings.maxConcurrentExecutions, 3);
    assert.equal(settings.acceptLanguage, 'en');
  });

  it('keeps what a hand-edited settings.json gets wrong from reaching the extension', () => {
    const settings = new Settings(
      source({ profiles: ['dev', '', 7, '  '], regions: 'us-east-1', accessLevel: 'Everything', confirmBeforeExecute: 'no', maxConcurrentExecutions: 50, acceptLanguage: 'fr' }),
      'ja',
    );
    assert.deepEqual(settings.profiles, ['dev']);
    assert.deepEqual(settings.regions, []);
    assert.equal(settings.accessLevel, 'User');
    assert.equal(settings.confirmBeforeExecute, true, 'only false turns the review off');
    assert.equal(settings.maxConcurrentExecutions, 10);
    assert.equal(settings.acceptLanguage, 'jp', 'an unknown value follows the display language');
  });

  it('bounds the Activity history: 200 by default, 10 to 1,000, whole numbers only', () => {
    assert.equal(new Settings(source({}), 'en').activityMaxEntries, 200);
    assert.equal(new Settings(source({ 'activity.maxEntries': 50 }), 'en').activityMaxEntries, 50);
    assert.equal(new Settings(source({ 'activity.maxEntries': 5 }), 'en').activityMaxEntries, 10);
    assert.equal(new Settings(source({ 'activity.maxEntries': 1e9 }), 'en').activityMaxEntries, 1_000);
    assert.equal(new Settings(source({ 'activity.maxEntries': 2.5 }), 'en').activityMaxEntries, 200);
    assert.equal(new Settings(source({ 'activity.maxEntries': '300' }), 'en').activityMaxEntries, 200);
  });

  it('writes the profile selection to the user settings', async () => {
    const written = source({});
    await new Settings(written, 'en').setProfiles(['a', 'b']);
    assert.deepEqual(written.written, [['profiles', ['a', 'b']]]);
  });

  it('maps VS Code display languages to Service Catalog language codes', () => {
    assert.deepEqual(['ja', 'ja-JP', 'zh-cn', 'zh-tw', 'ZH', 'en', 'de', 'pt-br'].map(acceptLanguageFor), ['jp', 'jp', 'zh', 'zh', 'zh', 'en', 'en', 'en']);
  });
});
