// The rule behind the libs' boundaries (eslint.config.mjs holds the policy, the README explains
// it). A local rule rather than `no-restricted-imports`: a relative path has to be resolved against
// the importing file to know which lib it lands in, and require() and import() count too.
import { dirname, relative, resolve, sep } from 'node:path';

const toPosix = (path) => path.split(sep).join('/');

/** The string an import, export, require() or import() names, if it is a literal. */
function specifierOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const libBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Libs are imported through @app/<lib> only, in the allowed direction; pure folders import no framework' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          allowed: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          pure: { type: 'array', items: { type: 'string' } },
          frameworks: { type: 'array', items: { type: 'string' } },
          byPath: { type: 'array', items: { type: 'string' } },
        },
        required: ['root', 'allowed', 'pure', 'frameworks'],
        additionalProperties: false,
      },
    ],
    messages: {
      pathIntoLib: "'{{specifier}}' reaches into libs/{{lib}} by path: import '@app/{{lib}}' (its src/index.ts) instead.",
      deepImport: "'{{specifier}}' is a deep import: import '@app/{{lib}}', exporting what is needed from libs/{{lib}}/src/index.ts.",
      direction: 'libs/{{own}} may not import @app/{{lib}} (allowed: {{allowed}}).',
      pureImport: "{{folder}} stays framework-free: it may not import '{{specifier}}'.",
      pureEscape: "{{folder}} stays self-contained: '{{specifier}}' leaves it.",
    },
  },
  create(context) {
    const { root, allowed, pure, frameworks, byPath = [] } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    if (file.startsWith('../')) return {};
    const own = /^libs\/([^/]+)\//.exec(file)?.[1] ?? null;
    const folder = pure.find((prefix) => file.startsWith(`${prefix}/`)) ?? null;
    const isFramework = (specifier) =>
      frameworks.some((name) =>
        name.endsWith('/*') ? specifier.startsWith(name.slice(0, -1)) : specifier === name || specifier.startsWith(`${name}/`),
      );

    function check(node, specifier) {
      if (specifier === null) return;
      const report = (messageId, data) => context.report({ node, messageId, data: { specifier, ...data } });
      if (specifier.startsWith('.')) {
        const target = toPosix(relative(root, resolve(dirname(context.filename), specifier)));
        const lib = /^libs\/([^/]+)(\/|$)/.exec(target)?.[1];
        if (lib !== undefined && lib !== own && !byPath.includes(target)) return report('pathIntoLib', { lib });
        if (folder !== null && target !== folder && !target.startsWith(`${folder}/`)) return report('pureEscape', { folder });
        return;
      }
      const bare = /^libs\/([^/]+)/.exec(specifier);
      if (bare) return report('pathIntoLib', { lib: bare[1] });
      const app = /^@app\/([^/]+)(\/.*)?$/.exec(specifier);
      if (app && app[2]) return report('deepImport', { lib: app[1] });
      if (folder !== null && (app || isFramework(specifier))) return report('pureImport', { folder });
      if (app && own !== null && !(allowed[own] ?? []).includes(app[1])) {
        const list = (allowed[own] ?? []).map((lib) => `@app/${lib}`).join(', ') || 'no other lib';
        return report('direction', { own, lib: app[1], allowed: list });
      }
    }

    const fromSource = (node) => check(node.source, specifierOf(node.source));
    return {
      ImportDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ImportExpression: fromSource,
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          check(node.moduleReference, specifierOf(node.moduleReference.expression));
        }
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0], specifierOf(node.arguments[0]));
        }
      },
    };
  },
};

export default { rules: { 'lib-boundaries': libBoundaries } };
