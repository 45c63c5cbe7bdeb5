# Usage: /usr/bin/python3 scripts/demo/build-demo.py public/demo/cort-demo.jsonl
# Builds public/demo/cort-demo.jsonl. Every output block is what CoRT's pipeline writes at that
# call: the program rebuilt from the chat-templated prompt + the response so far by CoRT's
# replay rule, run in a fresh CPython process — by our reference (scripts/reference), never by
# the studio. Needs sympy in that Python (Debian: python3-sympy).
import json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
import cort_reference as cort

INSTR = "Please integrate natural language reasoning with python programs to solve the problem above, and put your final answer within \\boxed{}."
PROMPT_HINT = "Okay, let's try to solve this problem step by step using multiple python code calls."

def run_trace(prompt, parts):
    context = cort.DEEPSEEK.format(prompt=prompt)
    response = ""
    for kind, body in parts:
        if kind == 'text':
            response += body
        else:
            response += "```python\n" + body.strip('\n') + "\n```\n"
            result = cort.run(cort.program(context + response))
            response += "```output\n" + result + "\n```\n"
    return response

records = []

def add(problem, gt, source, gens, logprobs, seqlens):
    records.append({
        "problem": problem,
        "gt_answer": gt,
        "prompt": problem + "\n" + INSTR,
        "source": source,
        "gen": [run_trace(problem + "\n" + INSTR, g) for g in gens],
        "gen_cumulative_logprob": logprobs,
        "gen_cumulative_seq_len": seqlens,
    })

T = lambda s: ('text', s)
C = lambda s: ('code', s)

# 1. Sum of fifth powers mod 1000 -- the model re-checks Python's result by hand (Hint-2 spot).
add(
    "Find the remainder when $\\sum_{k=1}^{100} k^5$ is divided by $1000$.",
    "500", "aime-style",
    [[
        T(PROMPT_HINT + "\n\nWe need $S = 1^5 + 2^5 + \\cdots + 100^5 \\pmod{1000}$. Python can add these exactly, so let me just compute the sum and reduce it.\n\n"),
        C("""
S = sum(k**5 for k in range(1, 101))
print(S)
print(S % 1000)
"""),
        T("\nSo $S = 171708332500$, and the remainder is $500$.\n\nHmm, but let me double-check this by hand with Faulhaber's formula, just to be sure.\n\n"
          "The closed form is\n$$\\sum_{k=1}^{n} k^5 = \\frac{n^2 (n+1)^2 (2n^2 + 2n - 1)}{12}.$$\n"
          "For $n = 100$: $n^2 = 10000$, $(n+1)^2 = 10201$, and $2n^2 + 2n - 1 = 20000 + 200 - 1 = 20199$.\n\n"
          "Then $10000 \\cdot 10201 = 102010000$, and $102010000 \\cdot 20199 = 102010000 \\cdot 20000 + 102010000 \\cdot 199 = 2040200000000 + 20299990000 = 2060499990000$.\n\n"
          "Dividing by $12$: $2060499990000 / 12 = 171708332500$. That matches Python's value, so the remainder is $500$.\n\n"
          "Let me also confirm the formula symbolically so the hand computation is not needed again.\n\n"),
        C("""
import sympy as sp
n, k = sp.symbols('n k', integer=True, positive=True)
closed = sp.factor(sp.summation(k**5, (k, 1, n)))
print(closed)
print(closed.subs(n, 100) % 1000)
"""),
        T("\nBoth agree: the remainder is $500$.\n</think>\n\nUsing $\\sum_{k=1}^{n} k^5 = \\frac{n^2(n+1)^2(2n^2+2n-1)}{12}$ with $n=100$ gives $171708332500$, so the remainder modulo $1000$ is\n\n$$\\boxed{500}$$"),
    ]],
    [-21.84], [612],
)

# 2. Quadratic residue count -- two generations, the second one slips in manual arithmetic.
p2 = "How many positive integers $n \\le 1000$ make $n^2 + n + 1$ divisible by $7$?"
add(
    p2, "286", "amc-style",
    [
        [
            T(PROMPT_HINT + "\n\nDivisibility by $7$ only depends on $n \\bmod 7$, so first find the residues $r$ with $r^2 + r + 1 \\equiv 0 \\pmod 7$.\n\n"),
            C("""
residues = [r for r in range(7) if (r*r + r + 1) % 7 == 0]
print(residues)
"""),
            T("\nThe residues are $2$ and $4$. Now count $n \\le 1000$ in those classes directly.\n\n"),
            C("""
count = sum(1 for n in range(1, 1001) if n % 7 in residues)
print(count)
"""),
            T("\nThere are $286$ such integers.\n</think>\n\nOnly $n \\equiv 2$ or $4 \\pmod 7$ work, and each class has $143$ members up to $1000$, so the answer is $\\boxed{286}$."),
        ],
        [
            T(PROMPT_HINT + "\n\nWe want $7 \\mid n^2 + n + 1$. Let me find which residues mod $7$ work.\n\n"),
            C("""
for r in range(7):
    print(r, (r**2 + r + 1) % 7)
"""),
            T("\nSo $n \\equiv 2$ or $n \\equiv 4 \\pmod 7$.\n\nNow $1000 = 7 \\cdot 142 + 6$, so each residue class appears $142$ times among $1, \\dots, 994$, and the leftover numbers $995, \\dots, 1000$ have residues $1, \\dots, 6$, which I will ignore.\n\n"
              "That gives $2 \\cdot 142 = 284$.\n</think>\n\nThe valid residues are $2$ and $4$ modulo $7$, each occurring $142$ times, so there are $\\boxed{284}$ such integers."),
        ],
    ],
    [-18.02, -25.77], [401, 377],
)

# 3. Coefficient of x^5 in (1+x+x^2)^8 -- long manual computation in prose (Hint-1 spot).
add(
    "Find the coefficient of $x^5$ in the expansion of $(1 + x + x^2)^8$.",
    "504", "math-style",
    [[
        T(PROMPT_HINT + "\n\nEach of the $8$ factors contributes $x^0$, $x^1$ or $x^2$. If $a$ factors give $1$, $b$ give $x$ and $c$ give $x^2$, then $a + b + c = 8$ and $b + 2c = 5$. "
          "The number of ways is the multinomial $\\frac{8!}{a!\\,b!\\,c!}$.\n\n"
          "Case $c = 0$: $b = 5$, $a = 3$, so $\\frac{8!}{3!\\,5!\\,0!} = \\frac{40320}{6 \\cdot 120} = \\frac{40320}{720} = 56$.\n\n"
          "Case $c = 1$: $b = 3$, $a = 4$, so $\\frac{8!}{4!\\,3!\\,1!} = \\frac{40320}{24 \\cdot 6} = \\frac{40320}{144} = 280$.\n\n"
          "Case $c = 2$: $b = 1$, $a = 5$, so $\\frac{8!}{5!\\,1!\\,2!} = \\frac{40320}{120 \\cdot 2} = \\frac{40320}{240} = 168$.\n\n"
          "Case $c = 3$ would need $b = -1$, impossible.\n\n"
          "Adding up: $56 + 280 + 168 = 504$.\n\n"
          "Let me verify the whole expansion with sympy.\n\n"),
        C("""
import sympy as sp
x = sp.symbols('x')
poly = sp.Poly(sp.expand((1 + x + x**2)**8), x)
print(poly.coeff_monomial(x**5))
print(poly.all_coeffs()[::-1][:7])
"""),
        T("\nThe coefficient of $x^5$ is $504$, matching the case analysis.\n</think>\n\nSumming the multinomial counts $56 + 280 + 168$, the coefficient of $x^5$ is $\\boxed{504}$."),
    ]],
    [-14.35], [536],
)

# 4. Divisors of 2024^2 -- the code is right, the final manual step is wrong.
add(
    "Let $N = 2024$. How many positive divisors of $N^2$ are less than $N$ but do not divide $N$?",
    "16", "aime-style",
    [[
        T(PROMPT_HINT + "\n\nFirst factor $2024$ and count the divisors of $N^2$ below $N$.\n\n"),
        C("""
import sympy as sp
N = 2024
print(sp.factorint(N))
divs = sp.divisors(N**2)
below = [d for d in divs if d < N]
print(len(divs), len(below))
"""),
        T("\n$2024 = 2^3 \\cdot 11 \\cdot 23$, so $N^2$ has $7 \\cdot 3 \\cdot 3 = 63$ divisors, and $31$ of them are below $N$ (they pair up as $d \\leftrightarrow N^2/d$ around $N$).\n\n"
          "The divisors of $N$ itself number $4 \\cdot 2 \\cdot 2 = 16$, and all of them divide $N^2$, so the answer should be $31 - 16 = 15$.\n</think>\n\n"
          "Of the $31$ divisors of $N^2$ below $N$, the $16$ divisors of $N$ must be removed, leaving $\\boxed{15}$."),
    ]],
    [-19.6], [455],
)

# 5. Symmetric functions -- sympy solve plus a numeric check.
add(
    "Real numbers $x$ and $y$ satisfy $x + y = 5$ and $x^3 + y^3 = 65$. Find $x^2 + y^2$.",
    "17", "olympiad-style",
    [[
        T(PROMPT_HINT + "\n\nUse $x^3 + y^3 = (x + y)^3 - 3xy(x + y)$: then $65 = 125 - 15xy$, so $xy = 4$ and $x^2 + y^2 = (x+y)^2 - 2xy$. Let me solve the system directly to be safe.\n\n"),
        C("""
import sympy as sp
x, y = sp.symbols('x y', real=True)
sols = sp.solve([x + y - 5, x**3 + y**3 - 65], [x, y], dict=True)
print(sols)
print({sp.simplify(s[x]**2 + s[y]**2) for s in sols})
"""),
        T("\nThe solutions are $(1, 4)$ and $(4, 1)$, and in both cases $x^2 + y^2 = 17$.\n</think>\n\nFrom $xy = 4$ we get $x^2 + y^2 = 25 - 8 = \\boxed{17}$."),
    ]],
    [-9.42], [298],
)

with open(sys.argv[1], 'w') as f:
    for r in records:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
for r in records:
    for g in r["gen"]:
        print("=" * 60); print(g)
