package org.benchwright.engine.agent;

import java.util.concurrent.CompletableFuture;

/** A live run: its id, its steering, and how it ends. */
public record RunHandle(long runId, RunControl control, CompletableFuture<RunOutcome> outcome) {}
