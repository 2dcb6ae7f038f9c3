package org.benchwright.engine.project;

import java.util.List;

/**
 * A numbered revision of a run's plan: the plan text and its TODO list, recorded at {@code seq}.
 */
public record PlanRevision(
    long runId, int revision, long seq, String planText, List<TodoItem> items) {}
