package org.benchwright.engine.export;

/**
 * What an export wrote (or, from a count, would write).
 *
 * @param runs runs that passed the filters
 * @param trainRuns runs on the training side that gave at least one line
 * @param validationRuns runs on the validation side that gave at least one line
 * @param trainLines episodes (or preference pairs) written to the training output
 * @param validationLines episodes written to the validation output
 * @param dropped episodes left out because a tool call had no result (a run stopped mid-tool) or
 *     the conversation was out of order
 * @param empty episodes left out because the model never answered in them
 * @param eventsRead events read from the log
 */
public record ExportResult(
    int runs,
    int trainRuns,
    int validationRuns,
    long trainLines,
    long validationLines,
    long dropped,
    long empty,
    long eventsRead) {

  public long lines() {
    return trainLines + validationLines;
  }
}
