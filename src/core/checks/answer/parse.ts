/**
 * LaTeX answer → AnswerNode, by recursive descent over the tokens:
 *
 *   answer   := list                               a bare list of 2+ items is a set
 *   list     := element (',' element)*
 *   element  := [\pm] relation [(\pm | \mp) expr]  `1 \pm \sqrt2` is two elements
 *   relation := union ((= | < | \le | ... | \in | \approx) union)*
 *   union    := expr (\cup expr)*
 *   expr     := term (('+' | '-') term)*
 *   term     := unary ((\cdot | \times | '*' | '/' | \div) unary | implicit factor)*
 *   unary    := ('-' | '+') unary | power
 *   power    := postfix ('^' script)?
 *   postfix  := atom ('!' | '%')*
 */
import { onlySymbols, type AnswerNode, type RelationOp } from './ast';
import { bin, FUNCTIONS, GREEK, MATRICES, normalizeNumeral, NOT_FACTORS, num, operand, RELATIONS, textAtom } from './lexicon';
import { AnswerSyntaxError, tokenize, type Token } from './tokenize';

export type ParsedAnswer = { ok: true; node: AnswerNode } | { ok: false; error: string };

class AnswerParser {
  private pos = 0;
  constructor(private tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isOp(v: string, tok = this.peek()): boolean {
    return tok?.t === 'op' && tok.v === v;
  }
  private isCmd(v: string, tok = this.peek()): boolean {
    return tok?.t === 'cmd' && tok.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new AnswerSyntaxError(`expected "${v}"`);
    this.pos++;
  }
  private expectCmd(v: string): void {
    if (!this.isCmd(v)) throw new AnswerSyntaxError(`expected "\\${v}"`);
    this.pos++;
  }

  parseAnswer(): AnswerNode {
    const items = this.list();
    if (this.pos < this.tokens.length) throw new AnswerSyntaxError(`unexpected "${this.tokens[this.pos].v}"`);
    return items.length === 1 ? items[0] : { type: 'set', items };
  }

  private list(closers: string[] = []): AnswerNode[] {
    const items = this.element();
    while (this.isOp(',')) {
      this.pos++;
      items.push(...this.element());
    }
    const next = this.peek();
    if (closers.length && !(next && closers.includes(next.v))) throw new AnswerSyntaxError(`expected one of ${closers.join(' ')}`);
    return items;
  }

  /** One list element; `a \pm b` gives two (as Math-Verify reads it), `x = a \pm b` two relations. */
  private element(): AnswerNode[] {
    if (this.isCmd('pm') || this.isCmd('mp')) {
      this.pos++;
      const e = this.expr();
      return [{ type: 'neg', arg: operand(e) }, e];
    }
    const first = this.relation();
    if (!this.isCmd('pm') && !this.isCmd('mp')) return [first];
    const sign = this.tokens[this.pos++].v === 'pm' ? 1 : -1;
    const right = this.expr();
    const apply = (op: '+' | '-') => {
      if (first.type !== 'relation') return bin(op, first, right);
      const sides = [...first.sides];
      sides[sides.length - 1] = bin(op, sides[sides.length - 1], right);
      return { ...first, sides };
    };
    return sign > 0 ? [apply('+'), apply('-')] : [apply('-'), apply('+')];
  }

  private relationOp(): RelationOp | 'approx' | null {
    const tok = this.peek();
    if (tok?.t === 'op' && (tok.v === '=' || tok.v === '<' || tok.v === '>')) {
      // `<=` / `>=` written with two characters.
      if (tok.v !== '=' && this.isOp('=', this.tokens[this.pos + 1])) {
        this.pos++;
        return tok.v === '<' ? '<=' : '>=';
      }
      return RELATIONS[tok.v];
    }
    if (tok?.t === 'cmd') {
      if (tok.v === 'approx') return 'approx';
      if (tok.v === 'neq' || tok.v === 'ne') throw new AnswerSyntaxError('"\\neq" answers are not supported');
      return RELATIONS[tok.v] ?? null;
    }
    return null;
  }

  /**
   * `x = 5`, `a < x \le b`, `x \in [-2, 7]` (read as `x = [-2, 7]`, as Math-Verify does).
   * `\approx` keeps the exact side: the value after it when the left side is only a name.
   */
  private relation(): AnswerNode {
    const sides = [this.union()];
    const ops: RelationOp[] = [];
    for (let op = this.relationOp(); op; op = this.relationOp()) {
      this.pos++;
      const side = this.union();
      if (op === 'approx') {
        if (sides.length === 1 && onlySymbols(sides[0])) sides[0] = side;
        continue;
      }
      ops.push(op);
      sides.push(side);
    }
    return ops.length ? { type: 'relation', ops, sides } : sides[0];
  }

  private union(): AnswerNode {
    const parts = [this.expr()];
    while (this.isCmd('cup')) {
      this.pos++;
      parts.push(this.expr());
    }
    if (parts.length === 1) return parts[0];
    // Inside a union, "(a, b)" can only be an open interval.
    return {
      type: 'union',
      parts: parts.map((p) => (p.type === 'tuple' && p.items.length === 2 ? { type: 'interval', lo: p.items[0], hi: p.items[1], loOpen: true, hiOpen: true } : p)),
    };
  }

  private expr(): AnswerNode {
    let node = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.pos++].v as '+' | '-';
      node = bin(op, node, this.term());
    }
    return node;
  }

  private term(): AnswerNode {
    let node = this.unary();
    for (;;) {
      const tok = this.peek();
      if (this.isOp('*') || this.isCmd('cdot') || this.isCmd('times')) {
        this.pos++;
        node = bin('*', node, this.unary());
      } else if (this.isOp('/') || this.isCmd('div')) {
        this.pos++;
        node = bin('/', node, this.unary());
      } else if (this.startsImplicitFactor(tok, node)) {
        node = bin('*', node, this.power());
      } else return node;
    }
  }

  /** `2\sqrt{3}`, `3x`, `2\pi`, `(a)(b)`, `\text{(C)} 12`: a factor that follows without an operator (never `|`: it may close an absolute value). */
  private startsImplicitFactor(tok: Token | undefined, left: AnswerNode): boolean {
    if (!tok) return false;
    if (tok.t === 'id' || tok.t === 'text' || tok.t === 'begin') return true;
    // A number right after a number ("2 3") is a typo, not a product; after a name it is one.
    if (tok.t === 'num') return left.type !== 'number' && left.type !== 'neg';
    if (tok.t === 'op') return tok.v === '(';
    if (tok.t === 'cmd') return !NOT_FACTORS.has(tok.v);
    return false;
  }

  private unary(): AnswerNode {
    if (this.isOp('-')) {
      this.pos++;
      return { type: 'neg', arg: operand(this.unary()) };
    }
    if (this.isOp('+')) {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }

  private power(): AnswerNode {
    const base = this.postfix();
    if (!this.isOp('^')) return base;
    this.pos++;
    const exponent = this.isOp('-') ? (this.pos++, { type: 'neg', arg: this.singleArgument() } as AnswerNode) : this.singleArgument();
    return bin('^', base, exponent);
  }

  private postfix(): AnswerNode {
    let node = this.atom();
    for (;;) {
      if (this.isOp('!')) {
        this.pos++;
        node = { type: 'call', fn: 'factorial', args: [operand(node)] };
      } else if (this.isCmd('%')) {
        this.pos++;
        node = { type: 'percent', arg: operand(node) };
      } else return node;
    }
  }

  /**
   * A macro argument: `{...}` or one token. A multi-digit numeral gives only its first digit
   * (`\frac12` is 1/2, `x^23` is x²·3), the rest stays in the stream.
   */
  private singleArgument(): AnswerNode {
    const tok = this.peek();
    if (!tok) throw new AnswerSyntaxError('missing argument');
    if (this.isOp('{')) {
      this.pos++;
      const inner = this.expr();
      this.expectOp('}');
      return inner;
    }
    if (tok.t === 'num' && tok.v.length > 1 && /^\d/.test(tok.v)) {
      this.tokens.splice(this.pos, 1, { t: 'num', v: tok.v[0] }, { t: 'num', v: tok.v.slice(1) });
    }
    return this.atom();
  }

  private atom(): AnswerNode {
    const tok = this.peek();
    if (!tok) throw new AnswerSyntaxError('unexpected end');
    this.pos++;
    switch (tok.t) {
      case 'num':
        return this.numeral(tok.v);
      case 'id':
        return tok.v === 'e' ? { type: 'constant', name: 'e' } : this.subscripted({ type: 'symbol', name: tok.v.toLowerCase() });
      case 'text': {
        const node = textAtom(tok.v);
        if (!node) throw new AnswerSyntaxError('empty \\text{}');
        return node;
      }
      case 'begin':
        return this.matrix(tok.v);
      case 'cmd':
        return this.command(tok.v);
      case 'op':
        return this.bracketed(tok.v);
      default:
        throw new AnswerSyntaxError(`unexpected "${tok.v}"`);
    }
  }

  /**
   * A mixed number `2\frac{1}{2}` is 2 + 1/2 (Math-Verify reads it so); a base subscript
   * (`52_8`, `4210_{5}`) is notation and ignored, as Math-Verify does; otherwise a numeral.
   */
  private numeral(raw: string): AnswerNode {
    const value = normalizeNumeral(raw);
    if (this.isOp('_')) {
      this.pos++;
      this.singleArgument();
      return value;
    }
    if (this.isCmd('frac') && !value.decimal) {
      const save = this.pos;
      this.pos++;
      const [n, d] = [this.singleArgument(), this.singleArgument()];
      if (n.type === 'number' && d.type === 'number' && !n.decimal && !d.decimal) return bin('+', value, bin('/', n, d));
      this.pos = save;
    }
    return value;
  }

  private subscripted(node: AnswerNode): AnswerNode {
    if (node.type !== 'symbol' || !this.isOp('_')) return node;
    this.pos++;
    const sub = this.singleArgument();
    const label = sub.type === 'number' ? sub.digits : sub.type === 'symbol' ? sub.name : null;
    if (label === null) throw new AnswerSyntaxError('unsupported subscript');
    return { type: 'symbol', name: `${node.name}_${label}` };
  }

  private command(name: string): AnswerNode {
    if (name === 'frac') return bin('/', this.singleArgument(), this.singleArgument());
    if (name === 'binom') return { type: 'call', fn: 'binomial', args: [operand(this.singleArgument()), operand(this.singleArgument())] };
    if (name === 'sqrt') {
      if (this.isOp('[')) {
        this.pos++;
        const index = this.expr();
        this.expectOp(']');
        return { type: 'call', fn: 'root', args: [operand(this.singleArgument()), operand(index)] };
      }
      return { type: 'call', fn: 'sqrt', args: [operand(this.singleArgument())] };
    }
    if (name === 'lfloor' || name === 'lceil') {
      const inner = this.expr();
      this.expectCmd(name === 'lfloor' ? 'rfloor' : 'rceil');
      return { type: 'call', fn: name === 'lfloor' ? 'floor' : 'ceiling', args: [operand(inner)] };
    }
    if (name === 'pi') return { type: 'constant', name: 'pi' };
    if (name === 'infty') return { type: 'constant', name: 'infinity' };
    if (name === 'emptyset' || name === 'varnothing') return { type: 'set', items: [] };
    if (name === '{') {
      if (this.isCmd('}')) return this.pos++, { type: 'set', items: [] };
      const items = this.list(['}']);
      this.pos++;
      return { type: 'set', items };
    }
    if (GREEK.has(name)) return this.subscripted({ type: 'symbol', name: name.toLowerCase() });
    if (name in FUNCTIONS) return this.functionCall(name);
    throw new AnswerSyntaxError(`unsupported command \\${name}`);
  }

  /** `\sin x`, `\sin^2(x)`, `\log_2 8`, `\ln(x+1)`. `\log` without a base is base 10, as in SymPy's LaTeX parser. */
  private functionCall(name: string): AnswerNode {
    let base: AnswerNode | undefined;
    let exponent: AnswerNode | undefined;
    if (name === 'log' && this.isOp('_')) {
      this.pos++;
      base = this.singleArgument();
    }
    if (this.isOp('^')) {
      this.pos++;
      exponent = this.singleArgument();
    }
    const arg = this.isOp('(') ? this.atom() : this.power();
    const args = name === 'log' ? [arg, base ?? num('10')] : [arg];
    const call: AnswerNode = { type: 'call', fn: FUNCTIONS[name], args: args.map(operand) };
    return exponent ? bin('^', call, exponent) : call;
  }

  /** `\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`: rows split by `\\`, entries by `&`. */
  private matrix(env: string): AnswerNode {
    if (!MATRICES.has(env)) throw new AnswerSyntaxError(`unsupported environment ${env}`);
    const rows: AnswerNode[][] = [[this.expr()]];
    for (;;) {
      const tok = this.peek();
      if (tok?.t === 'end') {
        if (tok.v !== env) throw new AnswerSyntaxError(`\\begin{${env}} closed by \\end{${tok.v}}`);
        this.pos++;
        break;
      }
      if (this.isOp('&')) {
        this.pos++;
        rows[rows.length - 1].push(this.expr());
      } else if (this.isCmd('\\')) {
        this.pos++;
        // A row break right before \end is only layout.
        if (this.peek()?.t !== 'end') rows.push([this.expr()]);
      } else throw new AnswerSyntaxError(`unclosed \\begin{${env}}`);
    }
    if (rows.some((r) => r.length !== rows[0].length)) throw new AnswerSyntaxError('matrix rows of different lengths');
    return { type: 'matrix', rows };
  }

  /** Parentheses and brackets: grouping, tuples, intervals, absolute value, brace groups. */
  private bracketed(open: string): AnswerNode {
    if (open === '{') {
      const inner = this.expr();
      this.expectOp('}');
      return inner;
    }
    if (open === '|') {
      const inner = this.expr();
      this.expectOp('|');
      return { type: 'call', fn: 'Abs', args: [operand(inner)] };
    }
    if (open !== '(' && open !== '[') throw new AnswerSyntaxError(`unexpected "${open}"`);
    const items = this.list([')', ']']);
    const close = this.tokens[this.pos++].v;
    if (items.length === 1) {
      if (open !== (close === ')' ? '(' : '[')) throw new AnswerSyntaxError('mismatched brackets');
      return items[0];
    }
    if (open === '(' && close === ')') return { type: 'tuple', items };
    if (items.length === 2) return { type: 'interval', lo: items[0], hi: items[1], loOpen: open === '(', hiOpen: close === ')' };
    if (open === '[' && close === ']') return { type: 'tuple', items };
    throw new AnswerSyntaxError('mismatched brackets');
  }
}

export function parseAnswer(latex: string): ParsedAnswer {
  try {
    const tokens = tokenize(latex);
    if (!tokens.length) return { ok: false, error: 'empty answer' };
    return { ok: true, node: new AnswerParser(tokens).parseAnswer() };
  } catch (e) {
    if (e instanceof AnswerSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}
