package org.benchwright.engine.mjcf;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxException;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.Termination;

/**
 * Compiles a scene with MuJoCo in a sandbox and returns what MuJoCo made of it ({@link
 * CompiledScene}): copies the scene's files ({@link SceneFileSet}, capped) into a workspace folder,
 * runs {@code mjcf-check --duration 0 --scene FILE.xml} and reads its report. One session is kept
 * warm between scenes, so only the first open pays for a container start. Thread-safe: one compile
 * at a time.
 *
 * <p>Anything that keeps MuJoCo from answering is an {@link UnavailableException} whose message
 * says why in a user's words; a scene MuJoCo refuses is a {@link CompiledScene.Refused} outcome.
 */
public final class SceneCompiler implements AutoCloseable {

  /** What the compiler needs of a sandbox session; {@link SandboxSession} in production. */
  public interface Sandbox extends AutoCloseable {
    void writeFiles(Map<String, byte[]> files);

    ExecResult exec(List<String> command, Duration timeout);

    @Override
    void close();
  }

  /**
   * Bounds.
   *
   * @param maxBytes most bytes of scene files copied into the sandbox
   * @param maxFiles most files copied
   * @param timeout longest compile and export
   * @param retryAfter how long a missing Docker engine is believed before it is asked again
   */
  public record Limits(long maxBytes, int maxFiles, Duration timeout, Duration retryAfter) {
    public static Limits defaults() {
      return new Limits(64_000_000L, 4096, Duration.ofSeconds(60), Duration.ofSeconds(30));
    }
  }

  /** Why MuJoCo's compiled view is unavailable. */
  public enum Reason {
    /** No Docker engine answers, or the cad-sim image is missing. */
    NO_ENGINE,
    /** The sandbox image's mjcf-check cannot export scenes. */
    OLD_IMAGE,
    /** The scene's files exceed the caps. */
    TOO_LARGE,
    /** The sandbox died, timed out, or printed something that is not a scene. */
    FAILED
  }

  /** MuJoCo's view is unavailable; the message is a sentence for the user. */
  public static final class UnavailableException extends RuntimeException {
    private final Reason reason;

    public UnavailableException(Reason reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /** The sandbox of the viewer: the default image, with room for a large scene's report. */
  public static SandboxSpec viewerSpec() {
    SandboxLimits d = SandboxLimits.defaults();
    return SandboxSpec.defaults()
        .withLimits(
            new SandboxLimits(
                d.memoryBytes(),
                d.cpus(),
                d.pids(),
                d.tmpBytes(),
                d.workspaceBytes(),
                d.openFiles(),
                64 * 1024 * 1024));
  }

  private final Supplier<Sandbox> opener;
  private final Limits limits;
  private final LongSupplier clock;
  private Sandbox session;
  private long unavailableUntil = Long.MIN_VALUE;
  private UnavailableException lastUnavailable;
  private boolean closed;

  /**
   * @param opener opens a session; throws {@link SandboxException} when it cannot
   */
  public SceneCompiler(Supplier<Sandbox> opener, Limits limits) {
    this(opener, limits, System::nanoTime);
  }

  SceneCompiler(Supplier<Sandbox> opener, Limits limits, LongSupplier clock) {
    this.opener = opener;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * A compiler over the local Docker engine (DOCKER_HOST honoured), started on first use. Its
   * containers are labelled with {@code owner}; those of a crashed earlier process are reaped.
   */
  public static SceneCompiler overDocker(String owner) {
    return new SceneCompiler(new DockerOpener(owner), Limits.defaults());
  }

  /** Opens the sandbox now, so the first scene does not wait for a container start. */
  public synchronized void warmUp() {
    session();
  }

  /**
   * Compiles {@code mainFile} (relative to {@code files}' root) with MuJoCo.
   *
   * @throws UnavailableException when MuJoCo cannot be asked or its answer is not a scene
   */
  public synchronized CompiledScene.Outcome compile(String mainFile, SceneFiles files) {
    SceneFileSet set;
    try {
      set = SceneFileSet.collect(mainFile, files, limits.maxBytes(), limits.maxFiles());
    } catch (SceneFileSet.TooLargeException e) {
      throw new UnavailableException(
          Reason.TOO_LARGE, "MuJoCo's view not made: " + e.getMessage(), e);
    }
    if (set.files().isEmpty()) {
      throw new UnavailableException(
          Reason.FAILED, "MuJoCo's view not made: " + set.main() + " not found", null);
    }
    // At the workspace's root, where a run's own files are in its sandbox: a scene the engine
    // composed names its meshes as /workspace/..., and they resolve here as they did there.
    Map<String, String> where = set.layout("");
    Map<String, byte[]> upload = new LinkedHashMap<>();
    set.files().forEach((p, content) -> upload.put(where.get(p), content));
    // The script removes the copy whatever the result, so the warm workspace stays small.
    List<String> command =
        List.of(
            "sh",
            "-c",
            "mjcf-check --duration 0 --scene \"$1\"; rc=$?;"
                + " find /workspace -mindepth 1 -delete 2>/dev/null; exit $rc",
            "sh",
            where.get(""));
    ExecResult result;
    try {
      result = run(upload, command);
    } catch (SandboxException first) {
      if (first.kind() == SandboxException.Kind.CANCELLED) {
        throw unavailable(Reason.FAILED, "cancelled", first);
      }
      // The container died under the warm session: one more try in a fresh one.
      drop();
      try {
        result = run(upload, command);
      } catch (SandboxException second) {
        drop();
        throw unavailable(reason(second), second.getMessage(), second);
      }
    }
    if (result.termination() != Termination.EXIT) {
      drop();
      throw unavailable(
          Reason.FAILED,
          "mjcf-check did not finish ("
              + (result.detail() == null ? result.termination() : result.detail())
              + ")",
          null);
    }
    if (result.stdoutTruncated()) {
      throw unavailable(
          Reason.FAILED,
          "the scene's export is larger than the sandbox's output limit; the scene is too big to"
              + " show compiled",
          null);
    }
    if (result.stdout().length == 0 || result.stdoutText().isBlank()) {
      String err = result.stderrText().strip();
      boolean usage = result.exitCode() != null && result.exitCode() == 2;
      throw unavailable(
          usage ? Reason.OLD_IMAGE : Reason.FAILED,
          usage
              ? "the sandbox image's mjcf-check does not know --scene (rebuild cad-sim)"
              : "mjcf-check printed nothing (exit "
                  + result.exitCode()
                  + (err.isEmpty() ? "" : ": " + firstLine(err))
                  + ")",
          null);
    }
    try {
      return CompiledScene.read(result.stdout(), set.main());
    } catch (CompiledScene.ExportException e) {
      boolean old = e.getMessage().contains("rebuild cad-sim");
      throw unavailable(old ? Reason.OLD_IMAGE : Reason.FAILED, e.getMessage(), e);
    }
  }

  private ExecResult run(Map<String, byte[]> upload, List<String> command) {
    Sandbox s = session();
    s.writeFiles(upload);
    return s.exec(command, limits.timeout());
  }

  private Sandbox session() {
    if (closed) {
      throw new UnavailableException(Reason.FAILED, "the viewer's sandbox is closed", null);
    }
    if (session != null) {
      return session;
    }
    if (lastUnavailable != null && clock.getAsLong() < unavailableUntil) {
      throw lastUnavailable;
    }
    try {
      session = opener.get();
      lastUnavailable = null;
      return session;
    } catch (SandboxException e) {
      UnavailableException u = unavailable(reason(e), e.getMessage(), e);
      if (u.reason() == Reason.NO_ENGINE) {
        // Asking a dead engine again on every open would make each one wait for its timeout.
        lastUnavailable = u;
        unavailableUntil = clock.getAsLong() + limits.retryAfter().toNanos();
      }
      throw u;
    }
  }

  private static Reason reason(SandboxException e) {
    return switch (e.kind()) {
      case ENGINE_UNREACHABLE, IMAGE_MISSING -> Reason.NO_ENGINE;
      default -> Reason.FAILED;
    };
  }

  private static UnavailableException unavailable(Reason reason, String why, Throwable cause) {
    return new UnavailableException(reason, "MuJoCo's view not made: " + why, cause);
  }

  private void drop() {
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException ignored) {
        // the container is gone or going either way
      }
      session = null;
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public synchronized void close() {
    closed = true;
    drop();
    if (opener instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing the sandbox service only removes containers
      }
    }
  }

  /** Starts the sandbox service on first use and opens sessions of the viewer's spec. */
  private static final class DockerOpener implements Supplier<Sandbox>, AutoCloseable {
    private final String owner;
    private Sandboxes sandboxes;

    DockerOpener(String owner) {
      this.owner = owner;
    }

    @Override
    public synchronized Sandbox get() {
      if (sandboxes == null) {
        sandboxes =
            Sandboxes.start(
                Sandboxes.Settings.forOwner(owner)
                    .withDefaults(viewerSpec())
                    .withWarmPool(0)
                    .withMaxConcurrent(1));
      }
      SandboxSession s = sandboxes.open("viewer");
      return new Sandbox() {
        @Override
        public void writeFiles(Map<String, byte[]> files) {
          s.writeFiles(files);
        }

        @Override
        public ExecResult exec(List<String> command, Duration timeout) {
          return s.exec(command, timeout);
        }

        @Override
        public void close() {
          s.close();
        }
      };
    }

    @Override
    public synchronized void close() {
      if (sandboxes != null) {
        sandboxes.close();
        sandboxes = null;
      }
    }
  }
}
