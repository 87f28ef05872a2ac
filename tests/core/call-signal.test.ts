import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import ts from 'typescript';
import { definePlugin, Effects, Tool, WorkspaceInput } from '../../core/index.js';
import { callSignal } from '../../core/http/call-scope.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { connectToSandbox } from '../helpers/in-process.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The methods of AlpaconClient that send a request, each with an `options` parameter. */
const SENDING = new Set(['get', 'post', 'patch', 'put', 'delete', 'page', 'collect']);

/**
 * Every call of a sending AlpaconClient method in core/ and plugins/ whose options do not surely carry an AbortSignal (a
 * `signal` that is optional or may be undefined), as `file:line call`. AlpaconClient's own methods pass theirs through.
 */
function callsWithoutSignal(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.json could not be read');
  const files = new Set(config.fileNames.filter((file) => /\/(core|plugins)\//.test(file) && !file.endsWith('core/http/alpacon-client.ts')));
  const program = ts.createProgram([...files], config.options);
  const checker = program.getTypeChecker();
  const mayBeUndefined = (type: ts.Type) => (type.isUnion() ? type.types : [type]).some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
  const carriesSignal = (arg: ts.Expression | undefined) => {
    if (!arg) return false;
    const signal = checker.getTypeAtLocation(arg).getProperty('signal');
    return signal !== undefined && (signal.flags & ts.SymbolFlags.Optional) === 0 && !mayBeUndefined(checker.getTypeOfSymbolAtLocation(signal, arg));
  };
  const found: string[] = [];
  for (const source of program.getSourceFiles()) {
    if (!files.has(source.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SENDING.has(node.expression.name.text)) {
        const declaration = checker.getResolvedSignature(node)?.getDeclaration();
        if (declaration && ts.isMethodDeclaration(declaration) && ts.isClassDeclaration(declaration.parent) && declaration.parent.name?.text === 'AlpaconClient') {
          const index = declaration.parameters.findIndex((parameter) => parameter.name.getText() === 'options');
          if (!carriesSignal(node.arguments[index])) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            found.push(`${path.relative(ROOT, source.fileName)}:${line + 1} ${node.getText().replace(/\s+/g, ' ').slice(0, 100)}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

class ScopeProbe {
  @Tool({ name: 'scope_probe', title: 'Scope probe', description: 'Says whether the call scope is entered.', input: WorkspaceInput, annotations: Effects.read })
  probe() {
    return { in_scope: callSignal() !== undefined };
  }
}
class OtherScopeProbe {
  @Tool({ name: 'declared_scope_probe', title: 'Declared scope probe', description: 'The same, in a plugin that passes the signal.', input: WorkspaceInput, annotations: Effects.read })
  probe() {
    return { in_scope: callSignal() !== undefined };
  }
}

describe('the per-call scope', () => {
  it('is entered for a plugin that does not declare passesCallSignal, and not for one that does', async () => {
    const forgiving = definePlugin({ name: 'forgiving', description: 'Scope probe', host: '^0.1.0', tools: [ScopeProbe] });
    const declared = definePlugin({ name: 'declared', description: 'Scope probe', host: '^0.1.0', passesCallSignal: true, tools: [OtherScopeProbe] });
    const connected = await connectToSandbox({
      builtins: { ...BUILTIN_PLUGINS, forgiving: async () => ({ default: forgiving }), declared: async () => ({ default: declared }) },
      rc: { plugins: ['forgiving', 'declared'] },
    });
    try {
      const workspace = connected.sandbox.workspace;
      expect((await connected.call('scope_probe', { workspace })).data).toEqual({ in_scope: true });
      expect((await connected.call('declared_scope_probe', { workspace })).data).toEqual({ in_scope: false });
    } finally {
      await connected.close();
    }
  });
});

describe('built-in plugins pass the call signal themselves', () => {
  it('every built-in plugin declares passesCallSignal, so its calls run without the AsyncLocalStorage scope', async () => {
    const undeclared: string[] = [];
    for (const [name, load] of Object.entries(BUILTIN_PLUGINS)) {
      const manifest = (await load()).default;
      if (manifest.passesCallSignal !== true) undeclared.push(name);
    }
    expect(undeclared).toEqual([]);
  });

  it('every request core and the built-in plugins send through the shared client names an AbortSignal', () => {
    // ctx.alpacon attaches the call's signal; the shared client needs `signal` given, NO_CALL_SIGNAL for work of no call.
    expect(callsWithoutSignal()).toEqual([]);
  }, 120_000);
});
