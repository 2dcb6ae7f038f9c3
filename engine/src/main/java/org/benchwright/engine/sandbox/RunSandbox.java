package org.benchwright.engine.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.ExecRecord;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;

/**
 * A run's sandbox tied to its record: before each command the run's files (as the project holds
 * them) are copied in where they changed; after it, new or changed files are copied out and
 * recorded as new file versions, and the command itself is recorded. A plain copy of the files is
 * kept in a folder beside the project for debugging.
 */
public final class RunSandbox implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final long runId;
  private final SandboxSession session;
  private final Path mirror;
  // What the sandbox's workspace holds, by path -> sha256, for the session generation below.
  private final Map<String, String> inSandbox = new HashMap<>();
  private int syncedGeneration = -1;

  public RunSandbox(Project project, long runId, SandboxSession session) {
    this.project = project;
    this.runId = runId;
    this.session = session;
    this.mirror = workspaceFolder(project.file(), runId);
  }

  /** The plain-file copy of a run's workspace: {@code NAME.bwproj.workspace/run-ID}. */
  public static Path workspaceFolder(Path projectFile, long runId) {
    return projectFile
        .resolveSibling(projectFile.getFileName() + ".workspace")
        .resolve("run-" + runId);
  }

  /** Runs a shell command for a workflow node and records everything it did. */
  public ExecResult run(String node, String shellCommand, Duration timeout) {
    if (session.ensureRunning()) {
      project
          .events()
          .append(
              runId,
              Event.of(
                  node,
                  EventPayload.Note.of(
                      "sandbox",
                      "restarted",
                      "reason",
                      "the container had stopped or been removed; the run's files were copied"
                          + " into a fresh one")));
    }
    copyIn();
    long started = System.currentTimeMillis();
    ExecResult r = session.run(shellCommand, timeout);
    project
        .execs()
        .record(
            runId,
            new ExecRecord(
                node,
                r.command(),
                r.exitCode(),
                r.duration().toMillis(),
                r.stdout(),
                r.stderr(),
                r.stdoutTruncated() || r.stderrTruncated(),
                limitsJson(),
                r.termination().name(),
                r.sessionRestarted(),
                r.detail(),
                started));
    if (!r.sessionRestarted()) {
      copyOut(node);
    }
    return r;
  }

  private void copyIn() {
    long seq = project.events().lastSeq(runId);
    Map<String, FileVersion> files = project.files().filesAt(runId, seq);
    if (session.generation() != syncedGeneration) {
      inSandbox.clear(); // a fresh container: everything goes in again
      syncedGeneration = session.generation();
    }
    Map<String, byte[]> changed = new LinkedHashMap<>();
    for (FileVersion f : files.values()) {
      if (!f.blobSha().equals(inSandbox.get(f.path()))) {
        changed.put(f.path(), project.blobs().get(f.blobSha()).orElseThrow());
      }
    }
    var removed = inSandbox.keySet().stream().filter(p -> !files.containsKey(p)).toList();
    if (!removed.isEmpty()) {
      String args = String.join(" ", removed.stream().map(RunSandbox::quote).toList());
      session.run("rm -f -- " + args, Duration.ofSeconds(30));
      removed.forEach(inSandbox::remove);
    }
    session.writeFiles(changed);
    files.values().forEach(f -> inSandbox.put(f.path(), f.blobSha()));
    changed.forEach(this::mirror);
  }

  private void copyOut(String node) {
    Map<String, byte[]> now = session.readFiles();
    for (Map.Entry<String, byte[]> f : now.entrySet()) {
      String sha = BlobStore.addressOf(f.getValue());
      if (!sha.equals(inSandbox.get(f.getKey()))) {
        project.files().write(runId, node, f.getKey(), f.getValue());
        inSandbox.put(f.getKey(), sha);
        mirror(f.getKey(), f.getValue());
      }
    }
    for (String gone : inSandbox.keySet().stream().filter(p -> !now.containsKey(p)).toList()) {
      project.files().delete(runId, node, gone);
      inSandbox.remove(gone);
      try {
        Files.deleteIfExists(mirror.resolve(gone));
      } catch (IOException ignored) {
        // the debugging copy may lag; the project file is the record
      }
    }
  }

  private void mirror(String path, byte[] content) {
    try {
      Path target = mirror.resolve(path).normalize();
      if (!target.startsWith(mirror)) {
        return;
      }
      Files.createDirectories(target.getParent());
      Files.write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the workspace copy " + mirror, e);
    }
  }

  private String limitsJson() {
    return JSON.valueToTree(session.spec().limits()).toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public void close() {
    session.close();
  }
}
