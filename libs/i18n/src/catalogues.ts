import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, Language } from './languages';

/**
 * The message catalogues: `libs/i18n/messages/<language>/<namespace>.json`, each a flat object of
 * ICU MessageFormat strings. A key's full name is `<namespace>.<key>` (`stage.ADOPTED`). One file
 * per namespace keeps each part of the system's texts together for translators, and lets parts be
 * added without touching each other's files. scripts/build.js copies the folder beside the
 * compiled code, so the same path works from the sources and from dist/.
 */
export const MESSAGES_DIR = join(__dirname, '..', 'messages');

export type Catalogue = Readonly<Record<string, string>>;

function loadCatalogue(language: Language, dir: string): Record<string, string> {
  const folder = join(dir, language);
  const messages: Record<string, string> = {};
  if (!existsSync(folder)) return messages;
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json')) continue;
    const namespace = file.slice(0, -'.json'.length);
    const parsed: unknown = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${folder}/${file}: not a JSON object`);
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value !== 'string') throw new Error(`${folder}/${file}: ${key} is not a string`);
      messages[`${namespace}.${key}`] = value;
    }
  }
  return messages;
}

let loaded: Record<Language, Catalogue> | null = null;

/**
 * Every catalogue, read once per process. A missing folder is a broken deployment (the build did
 * not copy the catalogues), not a language without texts: it fails at the first text, loudly.
 */
export function catalogues(dir: string = MESSAGES_DIR): Record<Language, Catalogue> {
  if (!existsSync(dir)) throw new Error(`The message catalogues are missing: ${dir} does not exist (the build copies libs/i18n/messages)`);
  if (dir !== MESSAGES_DIR) return Object.fromEntries(LANGUAGES.map((l) => [l, loadCatalogue(l, dir)])) as Record<Language, Catalogue>;
  loaded ??= Object.fromEntries(LANGUAGES.map((l) => [l, Object.freeze(loadCatalogue(l, dir))])) as Record<Language, Catalogue>;
  return loaded;
}
