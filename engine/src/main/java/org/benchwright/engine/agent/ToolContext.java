package org.benchwright.engine.agent;

import java.util.List;
import java.util.function.Supplier;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.RunSandbox;

/** What a tool call may touch: the run's record, its sandbox, and the node it runs in. */
record ToolContext(
    Project project,
    long runId,
    String node,
    Supplier<RunSandbox> sandbox,
    List<String> outcomes) {}
