package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's sandbox: a long-lived hardened container with a /workspace volume, in which commands
 * run one at a time by exec. A command that times out or floods its output takes the container down
 * with it (Docker cannot kill a single exec); the session then continues in a fresh container and
 * says so in the result.
 */
public final class SandboxSession implements AutoCloseable {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SandboxSession.class);
  private static final Pattern OOM_KILLS = Pattern.compile("(?m)^oom_kill (\\d+)$");

  private final DockerAccess docker;
  private final Containers containers;
  private final Semaphore slots;
  private final Map<String, String> labels;
  private final Runnable onClose;
  private Containers.Box box;
  private int generation;
  private long oomKillsSeen;
  private boolean closed;

  SandboxSession(
      DockerAccess docker,
      Containers containers,
      Semaphore slots,
      Containers.Box box,
      Map<String, String> labels,
      Runnable onClose) {
    this.docker = docker;
    this.containers = containers;
    this.slots = slots;
    this.box = box;
    this.labels = labels;
    this.onClose = onClose;
  }

  /**
   * Runs a shell command line with {@code sh -c} inside the workspace-sync wrapper ({@link
   * SyncTrailer#WRAPPER}); the result shows the command as {@code sh -c COMMAND}.
   */
  Ran runWithTrailer(
      String shellCommand, Duration timeout, String boundary, String oldStamp, String newStamp) {
    return exec(
        List.of("sh", "-c", SyncTrailer.WRAPPER, "sh", shellCommand, boundary, oldStamp, newStamp),
        timeout,
        ("\n" + boundary + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        List.of("sh", "-c", shellCommand));
  }

  /** Runs a shell command line with {@code sh -c}. */
  public ExecResult run(String shellCommand, Duration timeout) {
    return exec(List.of("sh", "-c", shellCommand), timeout);
  }

  /**
   * Runs a command in /workspace as the sandbox user, waiting first for a free slot (the service
   * bounds how many commands run at once; waiting is cancelled by interrupting).
   */
  public ExecResult exec(List<String> command, Duration timeout) {
    return exec(command, timeout, null).result();
  }

  /**
   * What a command run through a wrapper printed after its own output: the wrapper writes {@code
   * boundary} and then a trailer on stdout, which is kept apart from the command's output.
   *
   * @param trailer null when the command did not get as far (stopped, restarted), or the trailer
   *     outgrew its cap
   */
  record Ran(ExecResult result, byte[] trailer) {}

  /** Most bytes of a trailer kept; a bigger one is dropped and the caller lists by itself. */
  static final int TRAILER_CAP = 64 * 1024 * 1024;

  /**
   * Runs {@code command} (the engine's wrapper) but records it as {@code shown}, splitting stdout
   * at {@code boundary}.
   */
  Ran exec(List<String> command, Duration timeout, byte[] boundary, List<String> shown) {
    Ran r = exec(command, timeout, boundary);
    ExecResult e = r.result();
    return new Ran(
        new ExecResult(
            List.copyOf(shown),
            e.exitCode(),
            e.stdout(),
            e.stderr(),
            e.stdoutTruncated(),
            e.stderrTruncated(),
            e.duration(),
            e.termination(),
            e.sessionRestarted(),
            e.detail()),
        r.trailer());
  }

  private Ran exec(List<String> command, Duration timeout, byte[] boundary) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException(
          SandboxException.Kind.CANCELLED, "Cancelled while waiting for a free sandbox.", e);
    }
    try {
      synchronized (this) {
        checkOpen();
        return execNow(command, timeout, boundary);
      }
    } finally {
      slots.release();
    }
  }

  private Ran execNow(List<String> command, Duration timeout, byte[] boundary) {
    OutputCollector out =
        boundary == null
            ? new OutputCollector(box.spec().limits().outputCapBytes())
            : new OutputCollector(box.spec().limits().outputCapBytes(), boundary, TRAILER_CAP);
    ExecResult r = execNow(command, timeout, out);
    return new Ran(
        r, r.sessionRestarted() || r.termination() != Termination.EXIT ? null : out.trailer());
  }

  private ExecResult execNow(List<String> command, Duration timeout, OutputCollector out) {
    long start = System.nanoTime();
    int cap = box.spec().limits().outputCapBytes();
    String execId;
    boolean replaced = false;
    try {
      ExecCreateCmdResponse created;
      try {
        created = createExec(command);
      } catch (NotFoundException | ConflictException e) {
        // The container vanished or stopped between commands: carry on in a fresh one.
        replaced = ensureRunning();
        created = createExec(command);
      }
      execId = created.getId();
      docker.streaming().execStartCmd(execId).exec(out);
    } catch (SandboxException e) {
      throw e;
    } catch (RuntimeException e) {
      throw docker.translate("starting a command", e, null);
    }
    String replacedNote =
        replaced
            ? "The sandbox container had stopped or been removed; the command ran in a fresh one"
                + " with a reset workspace."
            : null;
    boolean finished;
    try {
      finished = out.await(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      restart();
      return result(
          command,
          null,
          out,
          start,
          Termination.TIMEOUT,
          true,
          "Cancelled; the sandbox was restarted with a reset workspace.");
    }
    if (!finished || out.overflowed()) {
      restart();
      boolean overflow = finished;
      return result(
          command,
          null,
          out,
          start,
          overflow ? Termination.OUTPUT_LIMIT : Termination.TIMEOUT,
          true,
          overflow
              ? "Stopped: it wrote more than "
                  + cap
                  + " bytes of output. The sandbox was"
                  + " restarted with a reset workspace."
              : "Stopped after the "
                  + timeout.toSeconds()
                  + " s time limit. The sandbox was"
                  + " restarted with a reset workspace.");
    }
    closeQuietly(out);
    if (out.failure() != null) {
      return engineError(
          command,
          out,
          start,
          "The Docker engine failed during the command: " + out.failure().getMessage());
    }
    Integer exit;
    try {
      InspectExecResponse inspected = docker.control().inspectExecCmd(execId).exec();
      Long code = inspected.getExitCodeLong();
      exit = code == null ? null : code.intValue();
    } catch (RuntimeException e) {
      return engineError(command, out, start, "Could not read the exit code: " + e.getMessage());
    }
    if (exit != null && exit == 137 && oomKilledSinceLastLook()) {
      return result(
          command,
          exit,
          out,
          start,
          Termination.OUT_OF_MEMORY,
          false,
          "Killed for using more than the "
              + box.spec().limits().memoryBytes() / (1024 * 1024)
              + " MiB memory limit.");
    }
    int stray = strayProcesses();
    if (stray > 0) {
      // Background processes (a daemon, a fork bomb) would outlive the command and eat the
      // session's pids and memory: a command's processes end with it.
      restart();
      return result(
          command,
          exit,
          out,
          start,
          Termination.EXIT,
          true,
          "It left "
              + stray
              + " process(es) running in the background; the sandbox was"
              + " restarted with a reset workspace.");
    }
    return result(command, exit, out, start, Termination.EXIT, replaced, replacedNote);
  }

  /**
   * Processes still running besides the container's init and its keep-alive `sleep`. Docker's top
   * runs ps on the host, so it works even when the container can no longer fork.
   */
  private int strayProcesses() {
    try {
      String[][] rows = docker.control().topContainerCmd(box.containerId()).exec().getProcesses();
      return rows == null ? 0 : Math.max(0, rows.length - 2);
    } catch (RuntimeException e) {
      return 0; // cannot tell; the next command will find out
    }
  }

  private ExecCreateCmdResponse createExec(List<String> command) {
    return docker
        .control()
        .execCreateCmd(box.containerId())
        .withCmd(command.toArray(String[]::new))
        .withAttachStdout(true)
        .withAttachStderr(true)
        .withWorkingDir("/workspace")
        .exec();
  }

  /**
   * Whether the kernel's OOM killer struck in this container since the last look. Docker's
   * OOMKilled flag only covers the container's main process, so the memory cgroup's own counter is
   * read (cgroup v1 and v2 name it the same).
   */
  private boolean oomKilledSinceLastLook() {
    try {
      ExecCreateCmdResponse created =
          docker
              .control()
              .execCreateCmd(box.containerId())
              .withCmd(
                  "sh",
                  "-c",
                  "cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events"
                      + " 2>/dev/null")
              .withAttachStdout(true)
              .exec();
      OutputCollector c = new OutputCollector(64 * 1024);
      docker.streaming().execStartCmd(created.getId()).exec(c);
      c.await(10_000);
      closeQuietly(c);
      Matcher m =
          OOM_KILLS.matcher(new String(c.stdout(), java.nio.charset.StandardCharsets.UTF_8));
      long kills = m.find() ? Long.parseLong(m.group(1)) : 0;
      boolean more = kills > oomKillsSeen;
      oomKillsSeen = kills;
      return more;
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  /**
   * The Docker engine, not the command, failed: the exit code is unknown and the sandbox is left as
   * it is (not restarted).
   */
  private static ExecResult engineError(
      List<String> command, OutputCollector out, long start, String detail) {
    return result(command, null, out, start, Termination.ENGINE_ERROR, false, detail);
  }

  private static ExecResult result(
      List<String> command,
      Integer exit,
      OutputCollector out,
      long start,
      Termination termination,
      boolean restarted,
      String detail) {
    return new ExecResult(
        List.copyOf(command),
        exit,
        out.stdout(),
        out.stderr(),
        out.stdoutTruncated(),
        out.stderrTruncated(),
        Duration.ofNanos(System.nanoTime() - start),
        termination,
        restarted,
        detail);
  }

  /**
   * Makes sure the container is there and running, replacing it when it is not (stopped or removed
   * outside Benchwright, or the engine restarted). Returns true if it was replaced, which also
   * means the workspace was reset.
   */
  public synchronized boolean ensureRunning() {
    checkOpen();
    try {
      Boolean running =
          docker.control().inspectContainerCmd(box.containerId()).exec().getState().getRunning();
      if (Boolean.TRUE.equals(running)) {
        return false;
      }
    } catch (NotFoundException e) {
      // gone: replaced below
    } catch (RuntimeException e) {
      throw docker.translate("checking the sandbox container", e, null);
    }
    LOG.warn("Sandbox container {} was gone or stopped; starting a fresh one", box.containerId());
    restart();
    return true;
  }

  /** Replaces the container (and its workspace) with a fresh one of the same spec. */
  private void restart() {
    containers.kill(box.containerId());
    containers.remove(box.containerId(), box.volumeName());
    box = containers.create(box.spec(), labels);
    generation++;
    oomKillsSeen = 0;
  }

  /** Copies files (workspace-relative paths) into /workspace, owned by the sandbox user. */
  public synchronized void writeFiles(Map<String, byte[]> files) {
    if (files.isEmpty()) {
      return;
    }
    writeTar(Tars.stream(Tars.pack(files)));
  }

  /** Copies a file of the host's into /workspace at {@code path}, streamed (it may be big). */
  public void writeHostFile(String path, java.nio.file.Path file) {
    writeTar(Tars.fromHostFile(path, file));
  }

  /** Copies stored file versions (their blobs, streamed) into /workspace at their paths. */
  public void writeVersions(
      java.util.Collection<org.benchwright.engine.project.FileVersion> files,
      org.benchwright.engine.project.BlobStore blobs) {
    if (!files.isEmpty()) {
      writeTar(Tars.fromBlobs(files, blobs));
    }
  }

  /** Unpacks a tar (as {@link Tars} makes them) into /workspace; the stream is closed. */
  synchronized void writeTar(InputStream tar) {
    checkOpen();
    try (tar) {
      ensureRunning();
      docker
          .control()
          .copyArchiveToContainerCmd(box.containerId())
          .withTarInputStream(tar)
          .withRemotePath("/workspace")
          .exec();
    } catch (SandboxException e) {
      throw e;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the files to copy in", e);
    } catch (RuntimeException e) {
      throw docker.translate("copying files into the sandbox", e, null);
    }
  }

  /** Reads a streamed exec's stdout; may throw what reading throws. */
  @FunctionalInterface
  public interface StreamReader<T> {
    T read(InputStream stdout) throws IOException;
  }

  /**
   * Lists /workspace inside the container (see {@link WorkspaceListing}): entries in {@code
   * tracked} are always kept, up to {@code room} others, the rest counted.
   */
  public synchronized WorkspaceListing listWorkspace(
      java.util.Set<String> tracked, int room, Duration deadline) {
    WorkspaceListing listing =
        streamExec(
            WorkspaceListing.COMMAND,
            deadline,
            "listing the workspace",
            (in, stderr) -> WorkspaceListing.read(in, tracked, room, stderr.get()));
    return listing;
  }

  /**
   * Streams a tar of these workspace paths (files as they are, links as links, never followed) to
   * the reader. Paths go on tar's command line in batches that keep well under the kernel's
   * argument limit.
   */
  public synchronized void copyOut(
      List<String> paths, Duration deadline, StreamReader<Void> reader) {
    checkOpen();
    List<String> batch = new java.util.ArrayList<>();
    int chars = 0;
    for (int i = 0; i <= paths.size(); i++) {
      boolean last = i == paths.size();
      if (!batch.isEmpty() && (last || chars + paths.get(i).length() > 96 * 1024)) {
        List<String> cmd =
            new java.util.ArrayList<>(
                List.of("tar", "-c", "-f", "-", "-C", "/workspace", "--no-recursion", "--"));
        cmd.addAll(batch);
        streamExec(
            cmd, deadline, "copying files out of the sandbox", (in, stderr) -> reader.read(in));
        batch.clear();
        chars = 0;
      }
      if (!last) {
        batch.add(paths.get(i));
        chars += paths.get(i).length() + 1;
      }
    }
  }

  @FunctionalInterface
  private interface StdoutReader<T> {
    T read(InputStream stdout, java.util.function.Supplier<String> stderr) throws IOException;
  }

  /**
   * Runs one of the engine's own commands with its stdout streamed to a reader rather than
   * collected. Failures say what they were: a deadline, the engine breaking off, or the engine not
   * answering at all (only when a ping fails too).
   */
  private <T> T streamExec(
      List<String> command, Duration deadline, String doing, StdoutReader<T> reader) {
    checkOpen();
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    StdoutStream out = new StdoutStream(deadlineNanos);
    try (out) {
      ExecCreateCmdResponse created;
      try {
        created = createExec(command);
        docker.streaming().execStartCmd(created.getId()).exec(out.callback());
      } catch (RuntimeException e) {
        throw docker.translate(doing, e, null);
      }
      return reader.read(out, out::stderrText);
    } catch (StdoutStream.Timeout e) {
      throw new SandboxException(
          SandboxException.Kind.TIMEOUT,
          "Stopped "
              + doing
              + " after "
              + deadline.toSeconds()
              + " s; the Docker engine is running, the transfer was too slow or too big.",
          e);
    } catch (IOException e) {
      throw docker.translate(doing, new RuntimeException(e.getMessage(), e), null);
    }
  }

  /** Every regular file under /workspace, by workspace-relative path. */
  public synchronized Map<String, byte[]> readFiles() {
    checkOpen();
    try (InputStream tar =
        docker.control().copyArchiveFromContainerCmd(box.containerId(), "/workspace").exec()) {
      return Tars.unpack(tar, "workspace", box.spec().limits().workspaceBytes());
    } catch (IOException | RuntimeException e) {
      throw docker.translate(
          "copying files out of the sandbox",
          e instanceof RuntimeException re ? re : new RuntimeException(e),
          null);
    }
  }

  /**
   * Increases each time the container is replaced. A caller that keeps the workspace in step with
   * its own copy of the files copies everything in again when this changes.
   */
  public synchronized int generation() {
    return generation;
  }

  public synchronized String containerId() {
    return box.containerId();
  }

  public SandboxSpec spec() {
    return box.spec();
  }

  private void checkOpen() {
    if (closed) {
      throw new SandboxException(SandboxException.Kind.CLOSED, "This sandbox session is closed.");
    }
  }

  private static void closeQuietly(OutputCollector c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // the stream is finished either way
    }
  }

  /** Removes the container and its workspace volume. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    containers.remove(box.containerId(), box.volumeName());
    onClose.run();
  }

  synchronized Containers.Box box() {
    return box;
  }
}
