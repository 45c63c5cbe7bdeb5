/**
 * Which names a code block binds at module level and which it reads from the global
 * namespace — enough to tell which names a block CoRT does not replay takes away from later
 * blocks. Parsed with @lezer/python (error-tolerant, works in the browser); scopes resolved
 * as Python's symtable does for functions, lambdas, comprehensions and classes. The
 * reference (scripts/reference) computes the same with Python's own `symtable`.
 */
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';

export interface BlockNames {
  /** Names bound in the module scope (assignments, imports, def, class, for, with, except, :=). */
  bound: Set<string>;
  /** Names read from the global namespace (module-level reads, and free names of functions). */
  reads: Set<string>;
}

type ScopeKind = 'module' | 'function' | 'class';

interface Scope {
  kind: ScopeKind;
  parent?: Scope;
  locals: Set<string>;
  declaredGlobal: Set<string>;
  declaredNonlocal: Set<string>;
  /** Nodes whose VariableNames are read in this scope (visited after bindings are known). */
  reads: SyntaxNode[];
}

const COMPREHENSIONS = new Set(['ArrayComprehensionExpression', 'SetComprehensionExpression', 'DictionaryComprehensionExpression', 'ComprehensionExpression']);
/** Wrappers whose VariableNames are targets when they stand in a target position. */
const TARGET_WRAPPERS = new Set(['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression']);

export function blockNames(code: string): BlockNames {
  const text = code;
  const name = (n: SyntaxNode) => text.slice(n.from, n.to);
  const module: Scope = { kind: 'module', locals: new Set(), declaredGlobal: new Set(), declaredNonlocal: new Set(), reads: [] };
  const scopes: Scope[] = [module];
  const newScope = (kind: ScopeKind, parent: Scope): Scope => {
    const s: Scope = { kind, parent, locals: new Set(), declaredGlobal: new Set(), declaredNonlocal: new Set(), reads: [] };
    scopes.push(s);
    return s;
  };

  /** Names bound by a target expression; MemberExpressions (a.b, a[0]) bind nothing but read. */
  function bindTarget(node: SyntaxNode, scope: Scope): void {
    if (node.name === 'VariableName') scope.locals.add(name(node));
    else if (TARGET_WRAPPERS.has(node.name)) for (let c = node.firstChild; c; c = c.nextSibling) bindTarget(c, scope);
    else if (node.name !== '*' && node.name !== ',') scope.reads.push(node);
  }

  /** Children of `node` between the keyword `from` (exclusive) and `until` (exclusive). */
  function between(node: SyntaxNode, from: string | null, until: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    let on = from === null;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (on && c.name === until) break;
      if (on) out.push(c);
      if (!on && c.name === from) on = true;
    }
    return out;
  }

  function visit(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'AssignStatement': {
        const kids = children(node);
        const lastOp = kids.map((k) => k.name).lastIndexOf('AssignOp');
        kids.forEach((k, i) => {
          if (i < lastOp && k.name !== 'AssignOp' && k.name !== 'TypeDef') bindTarget(k, scope);
          else if (k.name !== 'AssignOp') visit(k, scope);
        });
        return;
      }
      case 'UpdateStatement': {
        const [target, ...rest] = children(node);
        if (target?.name === 'VariableName') {
          scope.locals.add(name(target));
          scope.reads.push(target);
        } else if (target) visit(target, scope);
        rest.forEach((k) => visit(k, scope));
        return;
      }
      case 'ForStatement': {
        between(node, 'for', 'in').forEach((t) => bindTarget(t, scope));
        let after = false;
        for (const k of children(node)) {
          if (after) visit(k, scope);
          if (k.name === 'in') after = true;
        }
        return;
      }
      case 'ImportStatement': {
        const names = between(node, 'import', '\u0000');
        // import a.b as c, d  → c, a ... ; from m import x as y, z → y, z
        let first: string | null = null;
        let pendingAs = false;
        let dotted = false;
        const flush = () => {
          if (first !== null) scope.locals.add(first);
          first = null;
        };
        for (const k of names) {
          if (k.name === ',') {
            flush();
            dotted = false;
          } else if (k.name === 'as') pendingAs = true;
          else if (k.name === '.') dotted = true;
          else if (k.name === 'VariableName') {
            if (pendingAs) {
              first = name(k);
              pendingAs = false;
            } else if (!dotted || first === null) first = first ?? name(k);
          }
        }
        flush();
        return;
      }
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const kids = children(node);
        const own = kids.find((k) => k.name === 'VariableName');
        if (own) scope.locals.add(name(own));
        const inner = newScope(node.name === 'ClassDefinition' ? 'class' : 'function', scope);
        for (const k of kids) {
          if (k === own) continue;
          if (k.name === 'ParamList') params(k, inner, scope);
          else if (k.name === 'ArgList' || k.name === 'Decorator') visit(k, scope);
          else if (k.name === 'Body') visit(k, inner);
        }
        return;
      }
      case 'LambdaExpression': {
        const inner = newScope('function', scope);
        for (const k of children(node)) {
          if (k.name === 'ParamList') params(k, inner, scope);
          else visit(k, inner);
        }
        return;
      }
      case 'WithStatement':
      case 'TryStatement': {
        let bindNext = false;
        for (const k of children(node)) {
          if (bindNext) {
            bindTarget(k, scope);
            bindNext = false;
          } else if (k.name === 'as') bindNext = true;
          else visit(k, scope);
        }
        return;
      }
      case 'NamedExpression': {
        const [target, ...rest] = children(node);
        // := inside a comprehension binds in the enclosing function or module.
        let s = scope;
        while (s.kind === 'function' && comprehensionScopes.has(s) && s.parent) s = s.parent;
        if (target?.name === 'VariableName') s.locals.add(name(target));
        rest.forEach((k) => visit(k, scope));
        return;
      }
      case 'ScopeStatement': {
        const kids = children(node);
        const declared = kids[0]?.name === 'global' ? scope.declaredGlobal : scope.declaredNonlocal;
        kids.filter((k) => k.name === 'VariableName').forEach((k) => declared.add(name(k)));
        return;
      }
      case 'DeleteStatement':
        children(node).forEach((k) => (k.name === 'VariableName' ? scope.locals.add(name(k)) : visit(k, scope)));
        return;
      case 'ArgList':
        // f(x for x in xs): a generator expression given as the only argument.
        if (children(node).some((k) => k.name === 'for')) return comprehension(node, scope);
        // keyword=value: the keyword is no name.
        for (const k of children(node)) {
          if (k.name === 'VariableName' && k.nextSibling?.name === 'AssignOp') continue;
          visit(k, scope);
        }
        return;
      case 'MemberExpression':
        for (const k of children(node)) if (k.name !== 'PropertyName') visit(k, scope);
        return;
      case 'VariableName':
        scope.reads.push(node);
        return;
    }
    if (COMPREHENSIONS.has(node.name)) return comprehension(node, scope);
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c, scope);
  }

  function comprehension(node: SyntaxNode, scope: Scope): void {
    {
      // The first iterable is evaluated outside; everything else in the comprehension's scope.
      const inner = newScope('function', scope);
      comprehensionScopes.add(inner);
      const kids = children(node);
      let firstIterableDone = false;
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        if (k.name === 'for') {
          let j = i + 1;
          for (; j < kids.length && kids[j]!.name !== 'in'; j++) bindTarget(kids[j]!, inner);
          i = j; // at 'in'
          const iterable = kids[i + 1];
          if (iterable) {
            visit(iterable, firstIterableDone ? inner : scope);
            firstIterableDone = true;
            i++;
          }
        } else visit(k, inner);
      }
    }
  }

  function params(list: SyntaxNode, inner: Scope, outer: Scope): void {
    // Names before a default (`b=c`) are parameters; the default is read outside.
    let afterOp = false;
    for (const k of children(list)) {
      if (k.name === 'AssignOp') afterOp = true;
      else if (k.name === ',') afterOp = false;
      else if (afterOp) visit(k, outer);
      else if (k.name === 'VariableName') inner.locals.add(name(k));
      else if (k.name === 'TypeDef') visit(k, outer);
    }
  }

  const comprehensionScopes = new Set<Scope>();
  visit(parser.parse(text).topNode, module);

  const reads = new Set<string>();
  for (const scope of scopes) {
    for (const node of scope.reads) {
      const cursor = node.cursor();
      do {
        if (cursor.name !== 'VariableName') continue;
        const n = name(cursor.node);
        if (isGlobalRead(n, scope)) reads.add(n);
      } while (cursor.next() && cursor.from < node.to);
    }
  }
  const bound = new Set(module.locals);
  return { bound, reads };
}

/** Python's resolution: local in a function → not global; else the enclosing functions; class scopes are skipped. */
function isGlobalRead(n: string, scope: Scope): boolean {
  if (scope.kind === 'module') return true;
  if (scope.declaredGlobal.has(n)) return true;
  if (scope.declaredNonlocal.has(n)) return false;
  if (scope.locals.has(n)) return false;
  for (let s = scope.parent; s; s = s.parent) {
    if (s.kind === 'module') return true;
    if (s.kind === 'class') continue;
    if (s.declaredGlobal.has(n)) return true;
    if (s.locals.has(n) || s.declaredNonlocal.has(n)) return false;
  }
  return true;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}
