import { describe, expect, it } from 'vitest';
import { formulaDepth, formulaRefusal, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH } from './mathLimits';

const nestedFrac = (depth: number) => '\\frac{1}{'.repeat(depth) + 'x' + '}'.repeat(depth);

describe('formula limits', () => {
  it('counts groups, \\left…\\right and \\begin…\\end, not escaped braces or look-alike commands', () => {
    expect(formulaDepth('x')).toBe(0);
    expect(formulaDepth('\\frac{a}{b}')).toBe(1);
    expect(formulaDepth(nestedFrac(7))).toBe(7);
    expect(formulaDepth('\\left( \\left[ x \\right] \\right)')).toBe(2);
    expect(formulaDepth('\\begin{pmatrix} a \\end{pmatrix}')).toBe(2); // the environment and its name's group
    expect(formulaDepth('\\{ x \\} \\{')).toBe(0);
    expect(formulaDepth('\\leftarrow \\rightarrow \\beginning')).toBe(0);
    expect(formulaDepth('}}}{')).toBe(1); // unbalanced closers never go below zero
  });

  it('refuses what would overflow KaTeX or take long, and says why', () => {
    expect(formulaRefusal(nestedFrac(MAX_FORMULA_DEPTH))).toBeNull();
    expect(formulaRefusal(nestedFrac(1000))).toBe(`formula nested 1000 deep (limit ${MAX_FORMULA_DEPTH})`);
    expect(formulaRefusal('x+'.repeat(MAX_FORMULA_LENGTH / 2))).toBeNull();
    expect(formulaRefusal('x+'.repeat(MAX_FORMULA_LENGTH / 2) + 'y')).toBe('formula of 2,001 characters (limit 2,000)');
    for (const tex of ['\\def\\f{\\frac1{\\f}}\\f', '\\gdef\\a{x}', '\\newcommand{\\a}{x}', '\\renewcommand\\b{y}', '\\let\\x=\\y', '\\global\\def\\a{}']) {
      expect(formulaRefusal(tex), tex).toBe('formula defines macros');
    }
    expect(formulaRefusal('\\delta \\letters \\definite')).toBeNull();
  });
});
