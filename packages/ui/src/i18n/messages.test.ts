import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeFromLanguage, negotiateLocale } from './locales';
import { mergeMessages } from './merge-messages';

type Tree = { [key: string]: string | string[] | Tree };
const root = path.resolve(import.meta.dirname, '../../../..');
const read = (file: string): Tree => JSON.parse(readFileSync(file, 'utf8'));

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) out.set(`${name}.${index}`, item);
    } else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

const catalogues = [
  path.join(root, 'packages/ui/src/i18n/messages'),
  ...readdirSync(path.join(root, 'apps')).map((app) => path.join(root, 'apps', app, 'messages')),
];

describe('messages', () => {
  it.each(catalogues)('%s: Spanish has every English message and nothing else, none empty', (dir) => {
    const en = leaves(read(path.join(dir, 'en.json')));
    const es = leaves(read(path.join(dir, 'es.json')));
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of [...en, ...es]) expect(text.trim(), key).not.toBe('');
  });

  it("merge an app's messages over the shared ones, key by key", () => {
    const merged = mergeMessages({ nav: { home: 'Home', account: 'Account' } }, { nav: { home: 'Today' } });
    expect(merged).toEqual({ nav: { home: 'Today', account: 'Account' } });
  });

  it('take a precompiled message (an array in the build) whole, not merged index by index', () => {
    const shared = { home: { welcome: ['Welcome, ', ['name']], title: 'Home' } };
    const merged = mergeMessages(shared, { home: { welcome: ['Hello'] } });
    expect(merged).toEqual({ home: { welcome: ['Hello'], title: 'Home' } });
  });
});

describe('locale', () => {
  it("follows the profile's language when the apps speak it", () => {
    expect(localeFromLanguage('es')).toBe('es');
    expect(localeFromLanguage('es-MX')).toBe('es');
    expect(localeFromLanguage('zh')).toBeNull();
    expect(localeFromLanguage(null)).toBeNull();
  });

  it('picks the best of English and Spanish from Accept-Language on a first visit', () => {
    expect(negotiateLocale('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(negotiateLocale('fr-FR,fr;q=0.9,es;q=0.5')).toBe('es');
    expect(negotiateLocale('de')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});
