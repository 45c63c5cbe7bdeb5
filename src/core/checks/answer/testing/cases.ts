/**
 * The answer-equivalence table the tests run: gold, prediction, expected verdict, why.
 * Written from Math-Verify's parser and grader (huggingface/Math-Verify, latex2sympy2_extended)
 * and CoRT's own RL grader (deepscaler `grade_answer_mathd`), case by case; the docs
 * (docs/answer-equivalence.md) give the same rules in prose.
 */

export interface AnswerCase {
  gold: string;
  answer: string;
  verdict: 'equal' | 'different';
  why: string;
}

const eq = (gold: string, answer: string, why: string): AnswerCase => ({ gold, answer, verdict: 'equal', why });
const ne = (gold: string, answer: string, why: string): AnswerCase => ({ gold, answer, verdict: 'different', why });

/** Decided without an interpreter (exact rationals, names, structure, float refutation). */
export const DECIDED_WITHOUT_SYMPY: AnswerCase[] = [
  // Multiple choice: text is read as a lower-case name, parentheses and spaces dropped.
  eq('\\text{(C)}', 'C', 'choice letter: \\text{(C)} reads as the name c'),
  eq('\\text{(C)}', '(C)', 'parentheses around a name are grouping'),
  eq('\\text{(C)}', '\\textbf{(C)}', '\\textbf is \\text'),
  eq('C', '\\text{(C)}', 'symmetric for names'),
  eq('\\text{(C)}', 'c', 'Math-Verify lower-cases every name'),
  eq('\\text{(E)}', 'E', 'E is the letter here, not Euler’s number'),
  ne('\\text{(C)}', 'D', 'another choice'),
  ne('\\text{(C)}', '(C) 12', 'c·12 is not the name c: the choice must stand alone'),
  ne('C', '\\text{(C)} 12', 'the same with \\text'),
  // Words.
  eq('\\text{Evelyn}', 'Evelyn', 'e·v·e·l·y·n spells the name'),
  eq('\\text{Evelyn}', '\\text{ evelyn }', 'case and spaces do not count'),
  eq('\\text{east}', '\\text{East}', 'case does not count'),
  ne('\\text{Evelyn}', '\\text{Carla}', 'another name'),
  ne('\\text{even}', '\\text{odd}', 'another word'),
  // Units, degrees, percent.
  eq('5 \\text{ cm}^2', '5', 'a trailing \\text{} unit (and its power) is dropped'),
  eq('5', '5 \\text{ cm}^2', 'also on the answer side'),
  eq('864 \\mbox{ inches}^2', '864', '\\mbox is \\text'),
  eq('5.4 \\text{ cents}', '5.4', 'unit after a decimal'),
  eq('\\frac{270}7\\text{ degrees}', '\\frac{270}{7}', 'unit after a fraction'),
  eq('12', '12 inches', 'a trailing unit word'),
  ne('5 \\text{ cm}', '50', 'units never hide a different number'),
  ne('5 \\text{ cm}^2', '25', 'the power belongs to the unit, not the number'),
  eq('10\\%', '10', 'percent as a unit (CoRT’s RL grader strips it)'),
  eq('10\\%', '0.1', 'percent as 1/100 (Math-Verify)'),
  eq('10', '10\\%', 'either side'),
  ne('10\\%', '1', 'neither 10 nor 0.1'),
  eq('30^\\circ', '30', 'degree sign ignored'),
  eq('30', '30^{\\circ}', 'either spelling, either side'),
  ne('30^\\circ', '60', 'another angle'),
  // Money and thousands separators.
  eq('\\$18.90', '18.90', '\\$ is dropped'),
  eq('\\$18.90', '18.9', 'a trailing zero does not count'),
  eq('18.90', '\\$18.90', 'either side'),
  ne('\\$18.90', '18.91', 'different at 6 decimals'),
  eq('\\$32,\\!348', '32348', '\\! joins; 32,348 is one number'),
  eq('\\$32,\\!348', '32,348', 'thousands separator'),
  eq('\\$32,\\!348', '32{,}348', '{,} is a comma'),
  eq('11,\\! 111,\\! 111,\\! 100', '11111111100', 'several groups, spaces after \\!'),
  eq('58,500', '58500', 'a bare number with separators'),
  ne('1,2', '12', '1,2 is a list, never the number 12'),
  ne('12', '1,2', 'either side'),
  ne('1, 234', '1234', 'a space after the comma makes it a list'),
  eq('(1,2)', '1,2', 'a pair against a bare list, in the order written (Math-Verify)'),
  // Boxes.
  eq('\\boxed{5}', '5', '\\boxed{} inside the ground truth'),
  eq('\\boxed{\\frac{1}{2}}', '0.5', 'and its content compares as usual'),
  // Numbers.
  eq('25', '025', 'AIME answers with leading zeros'),
  eq('27.0', '27', 'AMC ground truths are written as floats'),
  ne('25', '250', 'a different number'),
  ne('25', '26', 'a different number'),
  eq('\\frac12', '\\dfrac{1}{2}', '\\dfrac is \\frac; \\frac12 is \\frac{1}{2}'),
  eq('\\frac12', '0.5', 'exact value'),
  eq('\\frac{1}{3}', '0.333333', 'a decimal compares rounded to 6 places'),
  ne('\\frac{1}{3}', '0.333', 'not equal at 6 places'),
  eq('.0000672', '0.0000672', 'leading dot'),
  eq('.0000672', '0.0000673', 'Math-Verify’s 6-place rounding: both 0.000067'),
  eq('1\\frac{4}{5}', '\\frac{9}{5}', 'mixed number'),
  eq('137 \\frac{1}{2}', '137.5', 'mixed number with a space'),
  eq('-\\frac{10}{9}', '-10/9', 'slash fraction'),
  eq('\\frac{\\sqrt2}{2}', '\\sqrt{2}/2', 'the same expression written two ways'),
  eq('\\frac{\\pi}{2}', '1.5707963', 'a decimal against an exact value, rounded to 6 places'),
  ne('\\frac{\\pi}{2}', '1.5708', 'not equal at 6 places'),
  ne('\\sqrt{12}', '3\\sqrt{2}', 'values differ (decided in floating point)'),
  ne('p - q', 'q - p', 'values differ at a sample point'),
  eq('52_8', '52', 'a base subscript is ignored (Math-Verify)'),
  ne('52_8', '42', 'the decimal value of 52_8 is not its digits'),
  // Equations.
  eq('x=5', '5', 'gold assignment stands for its value'),
  eq('5', 'x = 5', 'an answer equation stands for its last side'),
  eq('y = 2x + 3', '2x+3', 'gold assignment of an expression'),
  ne('x = 5', 'y = 5', 'two assignments compare names too'),
  ne('y = 2x + 3', '2x+4', 'different value'),
  ne('5x - 7y + 11z + 4 = 0', 'x + y = 0', 'another plane'),
  ne('5x - 7y + 11z + 4 = 0', '5x - 7y + 11z + 4', 'an equation is not an expression'),
  eq('x \\in [-2,7]', '[-2, 7]', '\\in reads as an assignment'),
  eq('k \\geq 2', '[2, \\infty)', 'a gold inequality against an interval (Math-Verify)'),
  ne('[2, \\infty)', 'k \\geq 2', 'but not the other way round (Math-Verify)'),
  // Tuples, sets, intervals.
  eq('\\left( 3, \\frac{\\pi}{2} \\right)', '(3, \\frac{\\pi}{2})', '\\left and \\right are layout'),
  ne('(1,2)', '(2,1)', 'tuples are ordered'),
  eq('\\{1,2\\}', '\\{2,1\\}', 'sets are not'),
  eq('\\{1,2\\}', '2, 1', 'a bare list is a set'),
  eq('\\{1,2\\}', '(2,1)', 'a gold set takes a pair in any order (Math-Verify)'),
  eq('(1,2)', '\\{1,2\\}', 'a gold pair takes a set in the order written (Math-Verify)'),
  ne('(1,2)', '\\{2,1\\}', 'in that order only'),
  ne('\\{1,2,3\\}', '\\{1,2\\}', 'different elements'),
  ne('\\{1,2\\}', '\\{1,3\\}', 'different elements'),
  eq('3', '\\{3\\}', 'a value is a one-element set (Math-Verify)'),
  eq('1 \\pm \\sqrt{19}', '1-\\sqrt{19}, 1+\\sqrt{19}', '\\pm gives two elements'),
  eq('\\{1\\pm\\sqrt{5},-2\\}', '-2, 1+\\sqrt5, 1-\\sqrt{5}', '\\pm inside a set'),
  eq('(3,4]', '(3, 4]', 'same interval'),
  ne('(3,4]', '[3,4]', 'openness of each end counts'),
  ne('[0,1]', '[0,1)', 'openness of each end counts'),
  ne('[1,2]', '(1,2)', 'a closed interval is not a pair'),
  eq('(-\\infty, 0]', '[-\\infty, 0]', 'an infinite end is always open'),
  eq('(0,9) \\cup (9,36)', '(9,36) \\cup (0,9)', 'union parts in any order'),
  ne('(0,9) \\cup (9,36)', '(0,36)', 'a union is not one interval'),
  // Matrices.
  eq('\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}', '\\begin{bmatrix} \\frac15 \\\\ -\\frac{18}{5} \\end{bmatrix}', 'entry by entry'),
  ne('\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}', '\\begin{pmatrix} 1/5 \\\\ 18/5 \\end{pmatrix}', 'an entry differs'),
  ne('\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}', '\\begin{pmatrix} -1 \\\\ 0 \\\\ 0 \\\\ -1 \\end{pmatrix}', 'shape counts'),
  ne('\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}', '(1/5, -18/5)', 'a vector is not a tuple (Math-Verify)'),
];

/** Pending without an interpreter; SymPy (in Pyodide) decides them. */
export const DECIDED_BY_SYMPY: AnswerCase[] = [
  eq('\\sqrt{12}', '2\\sqrt{3}', 'simplify'),
  eq('\\frac{\\sqrt2}{2}', '\\frac{1}{\\sqrt{2}}', 'rationalized denominator'),
  eq('\\sqrt{3+2\\sqrt{2}}', '1+\\sqrt{2}', 'nested radical'),
  eq('x^2-1', '(x-1)(x+1)', 'factored polynomial'),
  eq('x^5 - x^4 + x^3 - x^2 + x - 1', '(x-1)(x^4+x^2+1)', 'factored polynomial'),
  eq('3', '\\log_2 8', 'logarithm'),
  eq('1', '\\sin^2 x + \\cos^2 x', 'identity'),
  eq('6 - 5i', '-5i + 6', 'terms reordered'),
  eq('5x - 7y + 11z + 4 = 0', '-5x + 7y - 11z - 4 = 0', 'an equation written the other way round'),
  eq('y = 2x + 3', 'y = 3 + 2x', 'two assignments with equal values'),
  ne('\\sqrt{2}', '\\frac{665857}{470832}', 'within 2e-12 of √2, still not equal'),
];
