package org.benchwright.engine.api;

import java.util.Optional;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.workflow.Workflows;

/**
 * What the operations work on: the project, and (when this service is the project's writer) the
 * runtime that drives runs, with its model gateway and sandboxes (started on first use).
 */
final class Service implements AutoCloseable {

  private final Project project;
  private final String writer;
  private final ApiKeys keys;
  private final String version;
  private final ModelGateway gateway;
  private final AgentRuntime runtime;
  private Sandboxes sandboxes;

  /**
   * @param writer who holds the project's writer lock when this service only reads it (null when
   *     this service is the writer)
   */
  Service(Project project, String writer, ApiKeys keys, String version) {
    this.project = project;
    this.version = version;
    this.writer = writer;
    this.keys = keys;
    if (project.isReadOnly()) {
      this.gateway = null;
      this.runtime = null;
    } else {
      this.gateway = new ModelGateway(keys, Workflows.prices(project));
      this.runtime = Workflows.runtime(project, gateway, this::sandboxes);
    }
  }

  Project project() {
    return project;
  }

  String version() {
    return version;
  }

  ApiKeys keys() {
    return keys;
  }

  Optional<String> writer() {
    return project.isReadOnly()
        ? Optional.of(writer == null ? "another process" : writer)
        : Optional.empty();
  }

  /**
   * The runtime; only reached by operations that write, which the server refuses first when the
   * project is read-only.
   */
  AgentRuntime runtime() {
    if (runtime == null) {
      throw ApiProblem.conflict(readOnlyDetail());
    }
    return runtime;
  }

  String readOnlyDetail() {
    return "Another process writes this project ("
        + writer().orElse("unknown")
        + "), so this service only reads it. Close that process and restart the service to write.";
  }

  /** The run's handle when this service drives it and it has not ended. */
  Optional<RunHandle> live(long runId) {
    return runtime == null
        ? Optional.empty()
        : runtime.handle(runId).filter(h -> !h.outcome().isDone());
  }

  private synchronized Sandboxes sandboxes() {
    if (sandboxes == null) {
      sandboxes = Sandboxes.start(Sandboxes.Settings.forProject(project, null));
    }
    return sandboxes;
  }

  @Override
  public void close() {
    try {
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      Sandboxes s;
      synchronized (this) {
        s = sandboxes;
        sandboxes = null;
      }
      if (s != null) {
        s.close();
      }
    }
  }

  /** A project-level refusal as the client should read it. */
  static ApiProblem problemOf(ProjectException e) {
    if (e instanceof ProjectException.Locked) {
      return ApiProblem.conflict(e.getMessage());
    }
    return ApiProblem.unprocessable(e.getMessage());
  }
}
