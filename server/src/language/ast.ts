// The syntax tree of one statement. Spans are offsets into the statement's own
// text (see `SourceStatement.offset` for where that text starts in the document),
// so an unchanged statement can be parsed once and reused after edits elsewhere.
import type { Span } from './span';

export type Expression =
  | NumberLiteral
  | NameReference
  | StringLiteral
  | UnaryExpression
  | BinaryExpression
  | CallExpression
  | VectorLiteral
  | MapLiteral
  | MissingExpression;

export interface NumberLiteral {
  type: 'number';
  value: number;
  /** As written, e.g. `0.750` or `75%`: the digits written set a check's tolerance. */
  text: string;
  span: Span;
}

export interface NameReference {
  type: 'name';
  name: string;
  span: Span;
}

export interface StringLiteral {
  type: 'string';
  value: string;
  span: Span;
}

export interface UnaryExpression {
  type: 'unary';
  operator: '-' | '+';
  operand: Expression;
  span: Span;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '^';

export interface BinaryExpression {
  type: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  operatorSpan: Span;
  span: Span;
}

export interface CallExpression {
  type: 'call';
  callee: string;
  calleeSpan: Span;
  args: Expression[];
  /** `||` written between the arguments, as in `KL(P || Q)`. */
  divergenceBars: boolean;
  span: Span;
}

export interface VectorLiteral {
  type: 'vector';
  elements: Expression[];
  span: Span;
}

export interface MapEntry {
  label: string;
  labelSpan: Span;
  value: Expression;
}

export interface MapLiteral {
  type: 'map';
  entries: MapEntry[];
  span: Span;
}

/** Stands where the parser expected an expression and found none (already reported). */
export interface MissingExpression {
  type: 'missing';
  span: Span;
}

export type Statement = Assignment | ExpressionStatement | Check | Directive | Blank;

export interface Assignment {
  kind: 'assignment';
  name: string;
  nameSpan: Span;
  expression: Expression;
}

export interface ExpressionStatement {
  kind: 'expression';
  expression: Expression;
}

export interface Check {
  kind: 'check';
  operator: '≈' | '==';
  operatorSpan: Span;
  left: Expression;
  right: Expression;
  /** The explicit `± t`, when written. */
  tolerance?: Expression;
  /** `for P, Q: …`: a check about any distributions P and Q, made on samples (generalChecks.ts). */
  forAll?: ForAll;
}

export interface ForAll {
  keywordSpan: Span;
  names: { name: string; span: Span }[];
}

export type UnitName = 'bits' | 'nats' | 'bans';

export type Directive =
  | { kind: 'directive'; directive: 'units'; units: UnitName; keywordSpan: Span; argumentSpan: Span }
  | { kind: 'directive'; directive: 'precision'; digits: number; keywordSpan: Span; argumentSpan: Span };

/** A line with only a comment or nothing, or a line so broken nothing could be read. */
export interface Blank {
  kind: 'blank';
}

/** Calls `visit` on `expression` and every expression below it, without recursion. */
export function walkExpression(expression: Expression, visit: (node: Expression) => void): void {
  const stack: Expression[] = [expression];
  while (stack.length > 0) {
    const node = stack.pop() as Expression;
    visit(node);
    switch (node.type) {
      case 'unary':
        stack.push(node.operand);
        break;
      case 'binary':
        stack.push(node.right, node.left);
        break;
      case 'call':
        for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]);
        break;
      case 'vector':
        for (let i = node.elements.length - 1; i >= 0; i--) stack.push(node.elements[i]);
        break;
      case 'map':
        for (let i = node.entries.length - 1; i >= 0; i--) stack.push(node.entries[i].value);
        break;
      default:
        break;
    }
  }
}

/** The expressions directly held by a statement, in source order. */
export function statementExpressions(statement: Statement): Expression[] {
  switch (statement.kind) {
    case 'assignment':
    case 'expression':
      return [statement.expression];
    case 'check':
      return statement.tolerance ? [statement.left, statement.right, statement.tolerance] : [statement.left, statement.right];
    default:
      return [];
  }
}
