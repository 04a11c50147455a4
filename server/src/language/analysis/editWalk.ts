// The walk through the statements of an edit, in order: the statements split
// again are evaluated, or their previous results reused; the others are the
// previous analysis's, looked at only where something they depend on changed.
import type { Binding } from '../context';
import type { Diagnostic } from '../diagnostics';
import { buffersRead, newlyHeld } from '../heldNumbers';
import { StatementNamesBuilder } from '../statementNames';
import { ownCopy, type SourceStatement } from '../statements';
import type { Analysis, AnalysisOptions, AnalyzedStatement, CachedResult, ParsedSource } from './analysisData';
import { Counterparts } from './counterparts';
import { parseSource } from './dependencies';
import type { Layout } from './layout';
import { placedOf } from './placedDiagnostics';
import { relocatedStatement, settledResult, settledStatement, unsettled, type Step, type Unsettled } from './reuseRules';
import { Slicer } from './slicer';
import type { Walked } from './wholeWalk';

/**
 * Goes through the statements of an edit in order. The split statements are
 * evaluated, or their previous results reused where nothing they depend on
 * changed; the others are the previous analysis's, looked at only when they
 * load files, read a name whose binding changed, or are below a `units` or
 * `precision` that changed. Undefined when the results may be over the
 * document-wide limit: only a walk through every statement counts them exactly.
 */
export function* editWalk(options: AnalysisOptions, previous: Analysis, layout: Layout): Generator<void, Walked | undefined> {
  const { kept, split, resumed, shift } = layout;
  const old = previous.statements;
  const reuse = previous.reuse;
  const counterparts = new Counterparts(previous, split, kept, resumed, shift);
  const slicer = new Slicer();

  // The split statements' parses (the previous analysis's where the text is the same), and the names of all.
  const namesBuilder = new StatementNamesBuilder(reuse.names.numbers);
  namesBuilder.addFrom(reuse.names, 0, kept);
  const parsedSplit: ParsedSource[] = [];
  const wasSplit: number[] = [];
  // The split statements with texts of their own (the previous statement's, or a copy): a substring would keep the whole document's text alive.
  const splitSources: SourceStatement[] = [];
  for (let k = 0; k < split.length; k++) {
    const was = counterparts.of(k, split[k].text);
    const text = was >= 0 ? old[was].source.text : ownCopy(split[k].text);
    const parsed = was >= 0 ? old[was].parsed : parseSource(text);
    splitSources.push({ text, offset: split[k].offset });
    wasSplit.push(was);
    parsedSplit.push(parsed);
    namesBuilder.add(parsed);
    if (was < 0 && slicer.dueAfterWork()) {
      yield;
      slicer.resumed();
    }
  }
  namesBuilder.addFrom(reuse.names, resumed, old.length);
  const names = namesBuilder.build();

  const count = names.count;
  const splitEnd = kept + split.length;
  // A statement after the split was at its index minus `indexShift` in the previous analysis.
  const indexShift = splitEnd - resumed;
  const statements: AnalyzedStatement[] = [];
  const cached: CachedResult[] = [];
  const placedHere: (readonly Diagnostic[])[] = [];
  // The results evaluated now are added to the bound; those they replace are not taken off.
  let heldBound = reuse.heldBound;
  // Bindings replaced by a copy at their new place (same value and version), so the readers below take the copy.
  const relocations = new Map<Binding, Binding>();
  // The names whose binding in force differs from the previous analysis's at the same statement, marked 1.
  const changedNames = new Uint8Array(names.numbers.size);
  let changedCount = 0;
  let timedOutNow = false;
  let unitsChanged = false;
  let nextLoader = 0;
  let unchangedSoFar = true;
  // The units and precision the statement at `aboveIndex` was evaluated in (before the first: the defaults).
  let aboveIndex = -1;
  let aboveUnits = options.defaultUnits;
  let abovePrecision: number | undefined;
  // Whether the statement did real work: the slicer reads the clock after it.
  let worked = false;

  const bindingAt = (name: number, index: number): Binding | undefined => {
    const assignment = names.lastAssignmentBefore(name, index);
    return assignment < 0 ? undefined : statements[assignment].binding;
  };
  const unsettledAt = (name: number, index: number): Unsettled => {
    const assignment = names.lastAssignmentBefore(name, index);
    return assignment < 0 ? undefined : unsettled(statements[assignment]);
  };
  const relocated = (binding: Binding | undefined) => (binding && relocations.get(binding)) ?? binding;
  const mark = (name: number, changed: boolean) => {
    const flag = changed ? 1 : 0;
    if (changedNames[name] === flag) return;
    changedNames[name] = flag;
    changedCount += changed ? 1 : -1;
  };
  /** After the split: which names and units are in force differently than in the previous analysis at the same place. */
  const compareAfterSplit = () => {
    const compare = (name: number) => {
      const assignment = reuse.names.lastAssignmentBefore(name, resumed);
      const then = assignment < 0 ? undefined : old[assignment];
      mark(name, bindingAt(name, splitEnd) !== relocated(then?.binding) || unsettledAt(name, splitEnd) !== (then && unsettled(then)));
    };
    for (let i = kept; i < resumed; i++) if (reuse.names.assigned[i] >= 0) compare(reuse.names.assigned[i]);
    for (let i = kept; i < splitEnd; i++) if (names.assigned[i] >= 0) compare(names.assigned[i]);
    const now = splitEnd > 0 ? statements[splitEnd - 1].result : undefined;
    const then = resumed > 0 ? old[resumed - 1].result : undefined;
    unitsChanged = (now?.units ?? options.defaultUnits) !== (then?.units ?? options.defaultUnits) || now?.precision !== then?.precision;
  };

  for (let index = 0; index < count; index++) {
    if (slicer.due(index, worked)) {
      yield;
      slicer.resumed();
    }
    worked = false;
    if (index === splitEnd) compareAfterSplit();
    const inSplit = index >= kept && index < splitEnd;
    const was = inSplit ? wasSplit[index - kept] : index < kept ? index : index - indexShift;
    const before = was >= 0 ? old[was] : undefined;

    if (!inSplit) {
      while (nextLoader < names.loaders.length && names.loaders[nextLoader] < index) nextLoader++;
      const looked = unitsChanged || names.loaders[nextLoader] === index || (changedCount > 0 && names.readsMarked(index, changedNames));
      if (!looked) {
        // As it was: the previous analysis's statement (below the edit, moved with the text).
        const unchanged = before as AnalyzedStatement;
        const statement = index < kept || (shift === 0 && relocations.size === 0) ? unchanged : relocatedStatement(unchanged, shift, relocations);
        statements.push(statement);
        cached.push(reuse.cached[was]);
        // Diagnostics are rare: only a statement that has some places them again.
        const placedBefore = reuse.placed[was];
        placedHere.push(statement === unchanged || placedBefore.length === 0 ? placedBefore : placedOf(statement));
        if (names.assigned[index] >= 0) mark(names.assigned[index], false);
        unchangedSoFar &&= statement === unchanged && was === index;
        continue;
      }
    }

    const parsed = inSplit ? parsedSplit[index - kept] : (before as AnalyzedStatement).parsed;
    const statement = parsed.statement;
    if (aboveIndex !== index - 1) {
      // The statement above was kept as it was: its result says in what it was evaluated.
      const above = statements[index - 1].result;
      aboveUnits = above.units;
      abovePrecision = above.precision;
    }
    let units = aboveUnits;
    let precision = abovePrecision;
    if (statement.kind === 'directive' && parsed.diagnostics.length === 0) {
      if (statement.directive === 'units') units = statement.units;
      else precision = statement.digits;
    }
    const step: Step = {
      source: inSplit ? splitSources[index - kept] : shift === 0 || index < kept ? (before as AnalyzedStatement).source : { text: (before as AnalyzedStatement).source.text, offset: (before as AnalyzedStatement).source.offset + shift },
      parsed,
      before,
      candidate: before && reuse.cached[was],
      placedBefore: before && reuse.placed[was],
      units,
      precision,
      asBefore: unchangedSoFar && inSplit && counterparts.unchangedAt(index - kept) && parsed.loads.length === 0,
    };
    const readsFrom = names.readStarts[index];
    const { inputs, settled, evaluated } = settledResult(
      step,
      options,
      (read) => bindingAt(names.reads[readsFrom + read], index),
      (read) => unsettledAt(names.reads[readsFrom + read], index),
    );
    if (evaluated) {
      worked = true;
      timedOutNow ||= settled.result.pending === 'slow';
      // What it read is counted with the statements that made it (a measure keeps its arguments for the hover).
      if (settled.held.length > 0) heldBound += newlyHeld(settled.held, buffersRead(inputs)).numbers;
    }
    cached.push(settled);
    const made = settledStatement(step, inputs, settled.result, settled.version, relocations);
    statements.push(made.statement);
    placedHere.push(made.placed);
    if (!inSplit && before) {
      const pendingChanged = (made.statement.result.pending !== undefined) !== (before.result.pending !== undefined);
      if (names.assigned[index] >= 0) mark(names.assigned[index], made.statement.binding !== relocated(before.binding) || pendingChanged);
      unitsChanged = units !== before.result.units || precision !== before.result.precision;
    }
    unchangedSoFar &&= made.statement === before && was === index;
    aboveIndex = index;
    aboveUnits = units;
    abovePrecision = precision;
  }
  if (heldBound > options.limits.maxElements) return undefined;
  return { statements, reuse: { cached, placed: placedHere, names, codeLength: layout.codeLength, recoveries: layout.recoveries, complete: true, heldBound }, timedOutNow };
}
