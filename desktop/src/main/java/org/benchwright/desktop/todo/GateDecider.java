package org.benchwright.desktop.todo;

import org.benchwright.engine.agent.Decision;

/**
 * Hands a human's decision on a run's pending gate to whoever runs it: in the workbench the {@code
 * AgentRuntime} ({@code agentRuntime::decide}), which also resumes a waiting run that is not live.
 * Called off the FX thread; throws when the decision cannot be taken.
 */
@FunctionalInterface
public interface GateDecider {
  void decide(long runId, Decision decision);
}
