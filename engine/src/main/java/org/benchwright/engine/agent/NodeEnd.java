package org.benchwright.engine.agent;

/**
 * How a node ended: with an outcome (its edge) and a summary for whoever comes next, or failed (out
 * of budget, the model failed) with the reason as summary.
 */
record NodeEnd(String outcome, String summary, String expectedSolution, boolean failed) {

  static NodeEnd failed(String reason) {
    return new NodeEnd(null, reason, null, true);
  }
}
