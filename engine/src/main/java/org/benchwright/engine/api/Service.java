package org.benchwright.engine.api;

import java.util.Optional;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;

/**
 * What the operations work on: the project, and (when this service is the project's writer) the
 * live runs it drives: the same {@link LiveRuns} the desktop drives its runs with.
 */
final class Service implements AutoCloseable {

  private final Project project;
  private final String writer;
  private final String version;
  private final LiveRuns live; // null when another process writes the project
  private final ApiKeys keys;
  private final java.nio.file.Path backupDir;
  private final java.util.Deque<AutoCloseable> owned = new java.util.ArrayDeque<>();

  /**
   * @param writer who holds the project's writer lock when this service only reads it (null when
   *     this service is the writer)
   * @param backupDir where backups go; null for {@code backups} beside the project file
   */
  Service(
      Project project, String writer, ApiKeys keys, String version, java.nio.file.Path backupDir) {
    this.project = project;
    this.keys = keys;
    this.backupDir =
        backupDir != null
            ? backupDir.toAbsolutePath().normalize()
            : project.file().toAbsolutePath().normalize().resolveSibling("backups");
    this.version = version;
    this.writer = writer;
    this.live = project.isReadOnly() ? null : new LiveRuns(project, keys);
  }

  Project project() {
    return project;
  }

  /** The user's keys, for health (which says whether each is set, never what it is). */
  ApiKeys keys() {
    return keys;
  }

  java.nio.file.Path backupDir() {
    return backupDir;
  }

  String version() {
    return version;
  }

  Optional<String> writer() {
    return project.isReadOnly()
        ? Optional.of(writer == null ? "another process" : writer)
        : Optional.empty();
  }

  /**
   * The live runs; only reached by operations that write, which the server refuses first when the
   * project is read-only.
   */
  LiveRuns runs() {
    if (live == null) {
      throw ApiProblem.conflict(readOnlyDetail());
    }
    return live;
  }

  AgentRuntime runtime() {
    return runs().runtime();
  }

  String readOnlyDetail() {
    return "Another process writes this project ("
        + writer().orElse("unknown")
        + "), so this service only reads it. Close that process and restart the service to write.";
  }

  /** The run's handle when this service drives it and it has not ended. */
  Optional<RunHandle> live(long runId) {
    return live == null ? Optional.empty() : live.handle(runId).filter(h -> !h.outcome().isDone());
  }

  /**
   * Something an operation started that lives as long as the service (an export's work folder, a
   * reader's sandboxes): closed with it, last owned first.
   */
  <T extends AutoCloseable> T own(T resource) {
    synchronized (owned) {
      owned.push(resource);
    }
    return resource;
  }

  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
    while (true) {
      AutoCloseable next;
      synchronized (owned) {
        next = owned.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Service.class)
            .warn("Closing {} failed: {}", next, e.getMessage());
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
