package org.benchwright.engine.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.WorkspaceSkipped.SkippedFile;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.ExecRecord;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles.Change;
import org.benchwright.engine.sandbox.WorkspaceSync.Tracked;

/**
 * A run's sandbox tied to its record: before each command the run's files (as the project holds
 * them) are copied in where they changed; after it, the workspace is listed inside the container,
 * and only what changed is copied out — streamed, within the run's {@link SyncLimits} — and
 * recorded as new file versions, and the command itself is recorded. A plain copy of the files is
 * kept in a folder beside the project for debugging.
 */
public final class RunSandbox implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Changes recorded per transaction: a sync that found thousands of files commits in batches. */
  private static final int BATCH = 500;

  /** At most this many skipped entries are listed one by one in an event. */
  private static final int LISTED_SKIPS = 100;

  private static final Duration LIST_DEADLINE = Duration.ofSeconds(60);
  private static final Duration COPY_DEADLINE = Duration.ofSeconds(300);

  private final Project project;
  private final long runId;
  private final SandboxSession session;
  // Where further sessions of this run come from (detached runs); null when it has none.
  private final Sandboxes service;
  private final Path mirror;
  // What the sandbox's workspace holds of the run's files, for the session generation below.
  private final Map<String, Tracked> inSandbox = new HashMap<>();
  private final WorkspaceSync sync = new WorkspaceSync();
  private int syncedGeneration = -1;
  private long syncedSeq;
  // The wrapper's stamp as the last trailer left it; null when unknown (a fresh container).
  private String expectedStamp;
  private long stamps;
  private static final String STAMP = "/tmp/.benchwright-stamp-";

  public RunSandbox(Project project, long runId, SandboxSession session) {
    this(project, runId, session, null);
  }

  /**
   * @param service where {@link #runDetached} opens its further sessions (the one that opened
   *     {@code session}); null: this run has only its own session
   */
  public RunSandbox(Project project, long runId, SandboxSession session, Sandboxes service) {
    this.project = project;
    this.runId = runId;
    this.session = session;
    this.service = service;
    this.mirror = workspaceFolder(project.file(), runId);
  }

  /** How many commands of this run's sandboxes can execute at once. */
  public int slotCount() {
    return service == null ? 1 : service.slotCount();
  }

  /**
   * What a detached run did: its result, the seq of its SANDBOX_EXEC event, and the files asked for
   * (a path the command did not leave is absent).
   */
  public record Detached(ExecResult result, long execSeq, Map<String, byte[]> fetched) {}

  /**
   * Runs a command on a given set of the run's file versions in a session of its own, so several
   * can run at once from different files (parallel experiments). The command is recorded like any
   * other; what it writes is not recorded as the run's files (only {@code fetch} is read back) and
   * goes with its container. Safe to call from several threads; the slots bound how many run.
   */
  public Detached runDetached(
      String node,
      java.util.Collection<FileVersion> files,
      String shellCommand,
      Duration timeout,
      List<String> fetch) {
    return detached(
        node,
        s -> {
          if (!files.isEmpty()) {
            s.writeTar(Tars.fromBlobs(files, project.blobs()));
          }
        },
        shellCommand,
        timeout,
        fetch);
  }

  /**
   * Like {@link #runDetached}, on files that are not the run's (a capability's code and tests): the
   * command is recorded as the run's, nothing it writes is.
   */
  public Detached runIsolated(
      String node,
      Map<String, byte[]> files,
      String shellCommand,
      Duration timeout,
      List<String> fetch) {
    return detached(node, s -> s.writeFiles(files), shellCommand, timeout, fetch);
  }

  private Detached detached(
      String node,
      java.util.function.Consumer<SandboxSession> fill,
      String shellCommand,
      Duration timeout,
      List<String> fetch) {
    if (service == null) {
      throw new IllegalStateException("This run's sandbox cannot open further sessions.");
    }
    // The run's image and limits, which need not be the service's defaults (a workflow's image).
    try (SandboxSession s = service.open("run-" + runId, session.spec())) {
      fill.accept(s);
      long started = System.currentTimeMillis();
      ExecResult r = s.run(shellCommand, timeout);
      long seq =
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
                      JSON.valueToTree(s.spec().limits()).toString(),
                      r.termination().name(),
                      r.sessionRestarted(),
                      r.detail(),
                      started));
      Map<String, byte[]> fetched = new LinkedHashMap<>();
      if (!fetch.isEmpty() && r.termination() == Termination.EXIT) {
        WorkspaceListing present =
            s.listWorkspace(Set.of(), WorkspaceSync.room(limits(), 0), LIST_DEADLINE);
        List<String> there =
            fetch.stream()
                .filter(
                    p -> present.kept().stream().anyMatch(e -> e.path().equals(p) && e.regular()))
                .toList();
        if (!there.isEmpty()) {
          s.copyOut(
              there,
              COPY_DEADLINE,
              in -> {
                TarArchiveInputStream tar = new TarArchiveInputStream(in);
                TarArchiveEntry t;
                while ((t = tar.getNextEntry()) != null) {
                  if (t.isFile() && t.getSize() <= BlobStore.INLINE_LIMIT) {
                    fetched.put(t.getName(), tar.readAllBytes());
                  }
                }
                return null;
              });
        }
      }
      return new Detached(r, seq, fetched);
    }
  }

  /** The plain-file copy of a run's workspace: {@code NAME.bwproj.workspace/run-ID}. */
  public static Path workspaceFolder(Path projectFile, long runId) {
    return projectFile
        .resolveSibling(projectFile.getFileName() + ".workspace")
        .resolve("run-" + runId);
  }

  /**
   * Runs a shell command for a workflow node and records everything it did. What the command left
   * that was not recorded (over a cap, sparse, not a file) is named in the result's detail.
   */
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
    String boundary = "benchwright-sync-" + java.util.UUID.randomUUID();
    // The wrapper's stamps are numbered per container: the last exec's is the next one's "old".
    SandboxSession.Ran ran =
        session.runWithTrailer(
            shellCommand, timeout, boundary, STAMP + (stamps - 1), STAMP + stamps);
    stamps++;
    ExecResult r = ran.result();
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
    if (r.sessionRestarted()) {
      return r;
    }
    String notRecorded = copyOut(node, ran.trailer(), boundary.getBytes(StandardCharsets.US_ASCII));
    return notRecorded == null ? r : r.withDetail(notRecorded);
  }

  private SyncLimits limits() {
    return SyncLimits.of(project.settings());
  }

  // --- in ----------------------------------------------------------------------------------------

  private void copyIn() {
    long seq = project.events().lastSeq(runId);
    Map<String, FileVersion> wanted = new LinkedHashMap<>();
    Set<String> gone = new HashSet<>();
    if (session.generation() != syncedGeneration) {
      // A fresh container: everything goes in again.
      inSandbox.clear();
      sync.reset();
      expectedStamp = null;
      stamps = 0;
      syncedGeneration = session.generation();
      wanted.putAll(project.files().filesAt(runId, seq));
    } else {
      // Only what was recorded since the last sync can differ; our own copy-out is among it and
      // matches what the sandbox holds.
      Set<String> touched = new HashSet<>();
      project.events().stream(runId, syncedSeq + 1, Set.of(EventType.FILE_CHANGE))
          .forEach(e -> touched.add(e.payload(EventPayload.FileChange.class).path()));
      for (String path : touched) {
        project
            .files()
            .versionAt(runId, path, seq)
            .ifPresentOrElse(v -> wanted.put(path, v), () -> gone.add(path));
      }
    }
    syncedSeq = seq;
    Map<String, FileVersion> changed = new LinkedHashMap<>();
    for (FileVersion f : wanted.values()) {
      Tracked t = inSandbox.get(f.path());
      if (t == null || !t.sha().equals(f.blobSha())) {
        changed.put(f.path(), f);
      }
    }
    List<String> removed = gone.stream().filter(inSandbox::containsKey).sorted().toList();
    if (changed.isEmpty() && removed.isEmpty()) {
      return;
    }
    if (!removed.isEmpty()) {
      String args = String.join(" ", removed.stream().map(RunSandbox::quote).toList());
      session.run("rm -f -- " + args, Duration.ofSeconds(30));
      removed.forEach(inSandbox::remove);
    }
    if (!changed.isEmpty()) {
      session.writeTar(Tars.fromBlobs(changed.values(), project.blobs()));
      for (FileVersion f : changed.values()) {
        long size = f.size() >= 0 ? f.size() : project.blobs().size(f.blobSha()).orElse(0L);
        inSandbox.put(f.path(), new Tracked(f.blobSha(), size));
        if (!f.symlink()) {
          mirrorFromBlob(f.path(), f.blobSha());
        }
      }
    }
    // What went in now shows as changed in the next listing; copied out again, it matches what
    // is recorded and makes no event.
  }

  // --- out ---------------------------------------------------------------------------------------

  /**
   * Copies out and records what the command changed, from the trailer the wrapper printed (or, when
   * it cannot be trusted, a listing of its own); returns a note on what was not recorded.
   */
  private String copyOut(String node, byte[] trailerBytes, byte[] boundary) {
    SyncLimits limits = limits();
    int room = WorkspaceSync.room(limits, inSandbox.size());
    SyncTrailer trailer =
        trailerBytes == null
            ? null
            : SyncTrailer.parse(trailerBytes, boundary, inSandbox.keySet(), room);
    String stampBefore = expectedStamp;
    expectedStamp = trailer == null ? null : trailer.newStamp();
    WorkspaceSync.Plan plan = null;
    WorkspaceListing listing = null;
    byte[] inline = new byte[0];
    if (trailer != null && !trailer.errors()) {
      if (trailer.full()) {
        listing = trailer.listing();
        plan = sync.plan(listing, inSandbox, limits);
        inline = trailer.inlineTar();
      } else if (stampBefore != null && stampBefore.equals(trailer.oldStamp())) {
        List<String> gone = trailer.deleted(inSandbox.keySet());
        if (gone != null) {
          listing = trailer.listing();
          plan = sync.planChanges(listing, inSandbox, limits, gone);
          inline = trailer.inlineTar();
        }
      }
    }
    if (plan == null) {
      // No trailer to trust (the command touched the stamp, a folder of recorded files vanished,
      // find hit an unreadable folder): list everything.
      try {
        listing = session.listWorkspace(inSandbox.keySet(), room, LIST_DEADLINE);
      } catch (SandboxException e) {
        if (e.kind() == SandboxException.Kind.ENGINE_UNREACHABLE) {
          throw e;
        }
        return "The run's files were not updated: " + e.getMessage();
      }
      plan = sync.plan(listing, inSandbox, limits);
      inline = new byte[0];
    }
    List<WorkspaceSync.Skip> skipped = new ArrayList<>(plan.skipped());
    List<Change> changes = new ArrayList<>();
    copyFiles(node, plan.copy(), inline, changes, skipped);
    for (WorkspaceEntry link : plan.links()) {
      byte[] target = link.linkTarget().getBytes(StandardCharsets.UTF_8);
      String sha = BlobStore.addressOf(target);
      Tracked before = inSandbox.get(link.path());
      if (before == null || !before.sha().equals(sha)) {
        project.blobs().put(target);
        changes.add(new Change(link.path(), sha, target.length, true));
        inSandbox.put(link.path(), new Tracked(sha, target.length));
      }
    }
    // A listing find could not finish (an unreadable folder) would look like deletions.
    if (listing.errors().isEmpty()) {
      for (String path : plan.deleted()) {
        changes.add(Change.delete(path));
        inSandbox.remove(path);
        deleteMirror(path);
      }
    }
    flush(node, changes, true);
    return report(node, skipped, plan.overflow(), listing.overflow(), listing.errors());
  }

  /** Streams the files out of the container into blobs, recording them in batches. */
  private void copyFiles(
      String node,
      List<WorkspaceEntry> files,
      byte[] inline,
      List<Change> changes,
      List<WorkspaceSync.Skip> skipped) {
    if (files.isEmpty()) {
      return;
    }
    Map<String, WorkspaceEntry> expected = new LinkedHashMap<>();
    files.forEach(f -> expected.put(f.path(), f));
    Set<String> received = new HashSet<>();
    if (inline.length > 0) {
      try {
        readTar(node, new java.io.ByteArrayInputStream(inline), expected, received, changes);
      } catch (IOException e) {
        received.clear(); // a damaged inline tar: everything is fetched below
      }
    }
    List<String> missing = expected.keySet().stream().filter(p -> !received.contains(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String failure = null;
    try {
      session.copyOut(
          missing,
          COPY_DEADLINE,
          in -> {
            readTar(node, in, expected, received, changes);
            return null;
          });
    } catch (SandboxException e) {
      if (e.kind() == SandboxException.Kind.ENGINE_UNREACHABLE) {
        flush(node, changes, true);
        throw e;
      }
      failure = e.getMessage();
    }
    for (WorkspaceEntry e : expected.values()) {
      if (!received.contains(e.path())) {
        sync.forget(e.path()); // looked at again after the next command
        skipped.add(
            new WorkspaceSync.Skip(
                e.path(),
                e.size(),
                failure != null ? "not copied: " + failure : "it vanished before it was copied"));
      }
    }
  }

  private void readTar(
      String node,
      InputStream in,
      Map<String, WorkspaceEntry> expected,
      Set<String> received,
      List<Change> changes)
      throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry t;
    while ((t = tar.getNextEntry()) != null) {
      WorkspaceEntry e = expected.get(t.getName());
      // Only what was asked for, as a regular file: a file swapped for a link or a folder since
      // the listing is left for the next one.
      if (e == null || !t.isFile() || received.contains(e.path())) {
        continue;
      }
      String sha;
      long size = t.getSize();
      if (size <= BlobStore.INLINE_LIMIT) {
        byte[] content = tar.readAllBytes();
        sha = BlobStore.addressOf(content);
        Tracked before = inSandbox.get(e.path());
        if (before == null || !before.sha().equals(sha)) {
          project.blobs().put(content);
          mirror(e.path(), content);
        }
      } else {
        sha = project.blobs().put(tar);
        mirrorFromBlob(e.path(), sha);
      }
      received.add(e.path());
      Tracked before = inSandbox.get(e.path());
      if (before == null || !before.sha().equals(sha)) {
        changes.add(new Change(e.path(), sha, size, false));
        inSandbox.put(e.path(), new Tracked(sha, size));
      }
      flush(node, changes, false);
    }
  }

  private void flush(String node, List<Change> changes, boolean all) {
    if (changes.isEmpty() || (!all && changes.size() < BATCH)) {
      return;
    }
    project.files().record(runId, node, changes);
    changes.clear();
  }

  /** Records and describes what was not copied; null when everything was. */
  private String report(
      String node,
      List<WorkspaceSync.Skip> skipped,
      String overflow,
      long overflowCount,
      String errors) {
    if (skipped.isEmpty() && overflow == null && errors.isEmpty()) {
      return null;
    }
    List<SkippedFile> listed =
        skipped.stream()
            .limit(LISTED_SKIPS)
            .map(s -> new SkippedFile(s.path(), s.size(), s.reason()))
            .toList();
    long more = skipped.size() - listed.size() + (overflow == null ? 0 : overflowCount);
    String summary =
        overflow == null
            ? (errors.isEmpty() ? null : "find could not list everything: " + errors)
            : overflow;
    project
        .events()
        .append(runId, Event.of(node, new EventPayload.WorkspaceSkipped(listed, more, summary)));
    StringBuilder sb = new StringBuilder("Not recorded in the run's files:");
    int shown = 0;
    for (WorkspaceSync.Skip s : skipped) {
      if (shown++ == 10) {
        sb.append("\n  ... and ").append(skipped.size() - 10).append(" more");
        break;
      }
      sb.append("\n  ").append(s.path()).append(": ").append(s.reason());
    }
    if (overflow != null) {
      sb.append("\n  ").append(overflow);
    }
    if (!errors.isEmpty()) {
      sb.append("\n  listing the workspace reported: ").append(errors);
    }
    return sb.toString();
  }

  // --- the debugging copy ------------------------------------------------------------------------

  private Path mirrorPath(String path) {
    Path target = mirror.resolve(path).normalize();
    return target.startsWith(mirror) ? target : null;
  }

  private void mirror(String path, byte[] content) {
    Path target = mirrorPath(path);
    if (target == null) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the workspace copy " + mirror, e);
    }
  }

  private void mirrorFromBlob(String path, String sha) {
    Path target = mirrorPath(path);
    if (target == null) {
      return;
    }
    try (InputStream in = project.blobs().open(sha).orElseThrow()) {
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the workspace copy " + mirror, e);
    }
  }

  private void deleteMirror(String path) {
    Path target = mirrorPath(path);
    try {
      if (target != null) {
        Files.deleteIfExists(target);
      }
    } catch (IOException ignored) {
      // the debugging copy may lag; the project file is the record
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
