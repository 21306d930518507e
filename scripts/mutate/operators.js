"use strict";
/**
 * The mutation operators of `npm run mutate`: pure functions from a contract's source and its solc AST (the
 * `ast` of `output.sources[file]` in a Hardhat build-info) to a list of mutants, each one text edit.
 *
 * Offsets in the AST (`src: "start:length:file"`) count bytes of the UTF-8 source, so every edit works on a
 * Buffer. A mutant is `{ operator, start, end, replacement, line, original }`: replace bytes [start, end) of the
 * source with `replacement`. Mutants that would not parse are not generated on purpose; the ones that do not
 * type-check are reported as "did not compile" by the runner, never silently dropped.
 *
 * Operators (the fixed set of issue 17):
 * - `cmp-boundary`  `<` <-> `<=`, `>` <-> `>=` (the off-by-one of a comparison)
 * - `cmp-negate`    `==` <-> `!=`
 * - `arith-swap`    `+` <-> `-`, `*` <-> `/`, `+=` <-> `-=`
 * - `literal-bound` a number literal compared against: N -> N + 1 and N -> N - 1 (the off-by-one of a bound)
 * - `drop-check`    a `require(...)` statement, or an `if (...) revert ...;` without else, becomes `{}`
 * - `swap-args`     the first two arguments of a call that have the same type and different text are swapped
 * - `rounding`      `Rounding.Floor` <-> `Rounding.Ceil`, `Math.ceilDiv(a, b)` -> `(a) / (b)`,
 *                   `Math.mulDiv(a, b, c)` -> rounding up
 * - `delete-assign` an assignment, `++`/`--` or `delete` statement becomes `{}` (not a for loop's step)
 * - `delete-emit`   an `emit` statement becomes `{}`
 */

const OPERATORS = [
  "cmp-boundary",
  "cmp-negate",
  "arith-swap",
  "literal-bound",
  "drop-check",
  "swap-args",
  "rounding",
  "delete-assign",
  "delete-emit",
];

const BOUNDARY = { "<": "<=", "<=": "<", ">": ">=", ">=": ">" };
const NEGATE = { "==": "!=", "!=": "==" };
const ARITH = { "+": "-", "-": "+", "*": "/", "/": "*" };
const COMPOUND = { "+=": "-=", "-=": "+=" };
const ROUNDING = { Floor: "Ceil", Ceil: "Floor" };

/**
 * Argument pairs whose swap cannot change the result (equivalent mutants, not generated): `Math.min`/`max` (all),
 * the two factors of `mulDiv`.
 */
function commutativePairs(callee) {
  const name = callee.nodeType === "MemberAccess" ? callee.memberName : callee.nodeType === "Identifier" ? callee.name : "";
  if (name === "min" || name === "max") return "all";
  if (name === "mulDiv") return ["0,1"];
  return [];
}

/** `[start, end)` of an AST node's `src`. */
function range(node) {
  const [start, length] = node.src.split(":").map(Number);
  return [start, start + length];
}

/** Every node of `ast`, depth first, with its parent. */
function walk(ast, visit) {
  const go = (node, parent, key) => {
    if (Array.isArray(node)) {
      for (const n of node) go(n, parent, key);
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (typeof node.nodeType === "string") visit(node, parent, key);
    for (const [k, v] of Object.entries(node)) if (v !== null && typeof v === "object") go(v, node, k);
  };
  go(ast, null, null);
}

/**
 * The byte offset of `operator` between two operand ranges (the first occurrence outside comments is enough:
 * only whitespace, parentheses and comments can stand between an operand and its operator).
 */
function operatorOffset(buf, from, to, operator) {
  const between = buf.subarray(from, to).toString("latin1");
  let i = 0;
  while (i < between.length) {
    if (between.startsWith("//", i)) {
      const nl = between.indexOf("\n", i);
      i = nl < 0 ? between.length : nl + 1;
    } else if (between.startsWith("/*", i)) {
      const close = between.indexOf("*/", i + 2);
      i = close < 0 ? between.length : close + 2;
    } else if (between.startsWith(operator, i)) {
      return from + i;
    } else i++;
  }
  return -1;
}

/** The 1-based line of a byte offset. */
function lineOf(buf, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Is `node` a statement inside a function body (not a for loop's init or step)? */
function isBodyStatement(parent, key) {
  return !(parent && parent.nodeType === "ForStatement" && (key === "loopExpression" || key === "initializationExpression"));
}

/** A revert-only branch: `revert E(...)`, `revert(...)`, or a block holding only that. */
function isRevertOnly(body) {
  if (!body) return false;
  if (body.nodeType === "RevertStatement") return true;
  if (body.nodeType === "ExpressionStatement") {
    const e = body.expression;
    return e.nodeType === "FunctionCall" && e.expression.nodeType === "Identifier" && e.expression.name === "revert";
  }
  if (body.nodeType === "Block") return body.statements.length === 1 && isRevertOnly(body.statements[0]);
  return false;
}

/**
 * The mutants of one source file.
 * @param {Buffer} buf the source as bytes
 * @param {object} ast the file's solc AST (SourceUnit)
 * @returns {Array<{operator: string, start: number, end: number, replacement: string, line: number, original: string}>}
 */
function mutantsOf(buf, ast) {
  const out = [];
  const seen = new Set();
  const add = (operator, start, end, replacement) => {
    const key = `${start}:${end}:${replacement}`;
    if (seen.has(key)) return;
    const original = buf.subarray(start, end).toString("utf8");
    if (original === replacement) return;
    seen.add(key);
    out.push({ operator, start, end, replacement, line: lineOf(buf, start), original });
  };
  const text = (node) => {
    const [s, e] = range(node);
    return buf.subarray(s, e).toString("utf8");
  };

  walk(ast, (node, parent, key) => {
    switch (node.nodeType) {
      case "BinaryOperation": {
        const op = node.operator;
        const [, leftEnd] = range(node.leftExpression);
        const [rightStart] = range(node.rightExpression);
        const at = operatorOffset(buf, leftEnd, rightStart, op);
        if (at < 0) break;
        if (op in BOUNDARY) add("cmp-boundary", at, at + op.length, BOUNDARY[op]);
        if (op in NEGATE) add("cmp-negate", at, at + op.length, NEGATE[op]);
        if (op in ARITH) add("arith-swap", at, at + op.length, ARITH[op]);
        if (op in BOUNDARY || op in NEGATE) {
          for (const side of [node.leftExpression, node.rightExpression]) {
            if (side.nodeType !== "Literal" || side.kind !== "number" || side.subdenomination) continue;
            const raw = side.value.replace(/_/g, "");
            if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(raw)) continue; // scientific notation left alone
            const v = BigInt(raw);
            const [s, e] = range(side);
            add("literal-bound", s, e, (v + 1n).toString());
            if (v > 0n) add("literal-bound", s, e, (v - 1n).toString());
          }
        }
        break;
      }
      case "Assignment": {
        if (node.operator in COMPOUND) {
          const [, leftEnd] = range(node.leftHandSide);
          const [rightStart] = range(node.rightHandSide);
          const at = operatorOffset(buf, leftEnd, rightStart, node.operator);
          if (at >= 0) add("arith-swap", at, at + 2, COMPOUND[node.operator]);
        }
        break;
      }
      case "ExpressionStatement": {
        if (!isBodyStatement(parent, key)) break;
        const e = node.expression;
        const [s, en] = range(node);
        // The statement's src stops before its `;`: include it so that `{}` stands alone.
        const end = buf[en] === 0x3b ? en + 1 : en;
        if (e.nodeType === "FunctionCall" && e.expression.nodeType === "Identifier" && e.expression.name === "require") {
          add("drop-check", s, end, "{}");
        } else if (
          e.nodeType === "Assignment" ||
          (e.nodeType === "UnaryOperation" && ["++", "--", "delete"].includes(e.operator))
        ) {
          add("delete-assign", s, end, "{}");
        }
        break;
      }
      case "IfStatement": {
        if (!node.falseBody && isRevertOnly(node.trueBody)) {
          const [s, e] = range(node);
          add("drop-check", s, buf[e] === 0x3b ? e + 1 : e, "{}");
        }
        break;
      }
      case "EmitStatement": {
        const [s, e] = range(node);
        const end = buf[e] === 0x3b ? e + 1 : e;
        add("delete-emit", s, end, "{}");
        break;
      }
      case "FunctionCall": {
        const args = node.arguments ?? [];
        const commutative = commutativePairs(node.expression);
        if (node.kind !== "typeConversion" && args.length >= 2 && !node.names?.length && commutative !== "all") {
          outer: for (let i = 0; i < args.length; i++) {
            for (let j = i + 1; j < args.length; j++) {
              if (commutative.includes(`${i},${j}`)) continue; // an equivalent mutant
              const ti = args[i].typeDescriptions?.typeString;
              if (!ti || ti !== args[j].typeDescriptions?.typeString) continue;
              if (ti.startsWith("literal_") || ti.startsWith("int_const")) continue; // literals of one value
              const a = text(args[i]);
              const b = text(args[j]);
              if (a === b) continue;
              const [sa, ea] = range(args[i]);
              const [sb, eb] = range(args[j]);
              const middle = buf.subarray(ea, sb).toString("utf8");
              add("swap-args", sa, eb, b + middle + a);
              break outer;
            }
          }
        }
        const callee = node.expression;
        if (callee.nodeType === "MemberAccess" && callee.expression.nodeType === "Identifier" && callee.expression.name === "Math") {
          if (callee.memberName === "ceilDiv" && args.length === 2) {
            const [s, e] = range(node);
            add("rounding", s, e, `(${text(args[0])}) / (${text(args[1])})`);
          }
          if (callee.memberName === "mulDiv" && args.length === 3) {
            const [, e] = range(args[2]);
            add("rounding", e, e, ", Math.Rounding.Ceil");
          }
        }
        break;
      }
      case "MemberAccess": {
        if (node.memberName in ROUNDING && /Rounding\)?$/.test(node.expression.typeDescriptions?.typeString ?? "")) {
          const [s, e] = range(node);
          const t = text(node);
          add("rounding", s, e, t.replace(new RegExp(`${node.memberName}$`), ROUNDING[node.memberName]));
        }
        break;
      }
      default:
        break;
    }
  });
  return out.sort((a, b) => a.start - b.start || a.operator.localeCompare(b.operator));
}

/** The source with one mutant applied. */
function apply(buf, mutant) {
  return Buffer.concat([buf.subarray(0, mutant.start), Buffer.from(mutant.replacement, "utf8"), buf.subarray(mutant.end)]);
}

/** A one-line unified diff of a mutant (the changed lines before and after). */
function diffOf(buf, mutant) {
  const lineStart = buf.lastIndexOf(0x0a, mutant.start - 1) + 1;
  let lineEnd = buf.indexOf(0x0a, Math.max(mutant.end - 1, mutant.start));
  if (lineEnd < 0) lineEnd = buf.length;
  const before = buf.subarray(lineStart, lineEnd).toString("utf8");
  const after = apply(buf, mutant).subarray(lineStart, lineEnd + (mutant.replacement.length - (mutant.end - mutant.start))).toString("utf8");
  const fmt = (sign, s) => s.split("\n").map((l) => `${sign} ${l.trim()}`).join("\n");
  return `${fmt("-", before)}\n${fmt("+", after)}`;
}

module.exports = { OPERATORS, mutantsOf, apply, diffOf, range, walk };
