package org.benchwright.engine.export;

import java.time.Instant;

/**
 * Which runs and episodes an export takes. Every field is optional (null or false: no filter).
 *
 * @param workflow the run's workflow name
 * @param node the agent node (role) of an episode, e.g. coder
 * @param outcome passed or failed: the outcome the run's OUTCOME event recorded
 * @param model the run's model snapshot: the model name, or PROVIDER:MODEL
 * @param since runs created at or after
 * @param until runs created before
 * @param benchmarkOnly only runs that produced a stored benchmark
 */
public record ExportFilter(
    String workflow,
    String node,
    String outcome,
    String model,
    Instant since,
    Instant until,
    boolean benchmarkOnly) {

  /** Everything. */
  public static ExportFilter all() {
    return new ExportFilter(null, null, null, null, null, null, false);
  }

  public ExportFilter withWorkflow(String w) {
    return new ExportFilter(w, node, outcome, model, since, until, benchmarkOnly);
  }

  public ExportFilter withNode(String n) {
    return new ExportFilter(workflow, n, outcome, model, since, until, benchmarkOnly);
  }

  public ExportFilter withOutcome(String o) {
    return new ExportFilter(workflow, node, o, model, since, until, benchmarkOnly);
  }

  public ExportFilter withModel(String m) {
    return new ExportFilter(workflow, node, outcome, m, since, until, benchmarkOnly);
  }

  public ExportFilter withCreated(Instant from, Instant to) {
    return new ExportFilter(workflow, node, outcome, model, from, to, benchmarkOnly);
  }

  public ExportFilter withBenchmarkOnly(boolean b) {
    return new ExportFilter(workflow, node, outcome, model, since, until, b);
  }
}
