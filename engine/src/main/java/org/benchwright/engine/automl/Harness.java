package org.benchwright.engine.automl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.benchwright.engine.sandbox.ExecResult;

/**
 * The Python harness the automl workflow drives ({@code bw_automl.py}): the reliable parts of
 * AutoML (profiling, cross-validation with fixed folds, budgeted Optuna search, ensembling,
 * prediction). It ships with the engine rather than in the image, so the exact code that trained a
 * model is one of the run's recorded files and exports with it.
 */
public final class Harness {

  /** Its name in a sandbox workspace and in a run's files. */
  public static final String FILE = "bw_automl.py";

  /** The exit code of a harness that refused its input with a one-line message. */
  public static final int REFUSED = 2;

  private static final String RESOURCE = "/org/benchwright/engine/workflow/automl/" + FILE;

  private static volatile byte[] code;

  private Harness() {}

  public static byte[] code() {
    byte[] c = code;
    if (c == null) {
      try (InputStream in = Harness.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("The engine jar has no " + RESOURCE + ".");
        }
        c = in.readAllBytes();
        code = c;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return c;
  }

  /**
   * The harness's own words for a refusal or a crash: its {@code bw_automl: } line, else the end of
   * its stderr (a traceback).
   */
  public static String problem(ExecResult r) {
    String err = new String(r.stderr(), StandardCharsets.UTF_8).strip();
    Optional<String> line =
        err.lines().filter(l -> l.startsWith("bw_automl: ")).reduce((a, b) -> b);
    if (line.isPresent()) {
      return line.get().substring("bw_automl: ".length());
    }
    if (err.isEmpty()) {
      err = r.stdoutText().strip();
    }
    String tail = err.length() > 4000 ? "…" + err.substring(err.length() - 4000) : err;
    // A traceback ends with what went wrong: that line first, so one line says it.
    String last = err.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
    return err.contains("Traceback (most recent call last)") && !last.isEmpty()
        ? last + "\n\n" + tail
        : tail;
  }

  /** A shell word for a path or name (single-quoted). */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
