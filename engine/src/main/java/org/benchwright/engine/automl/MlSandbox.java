package org.benchwright.engine.automl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.Termination;

/**
 * Where the harness runs outside a run (profiling a dataset being added, a prediction from the
 * CLI): a fresh hardened session of the ml image per command, given only the files it needs.
 * Datasets and models are streamed in and results streamed out, never held whole in memory.
 */
public interface MlSandbox {

  /** The image `sandbox-images/build.sh` builds for the automl workflow. */
  String IMAGE = "benchwright/ml:latest";

  /**
   * What a command gets: small files by content, host files (a dataset being added, an input to
   * predict on) and stored file versions (a run's model), each at its workspace path.
   */
  record Inputs(
      Map<String, byte[]> files,
      Map<String, Path> hostFiles,
      Collection<FileVersion> stored,
      BlobStore blobs) {
    public static Inputs of(Map<String, byte[]> files, Map<String, Path> hostFiles) {
      return new Inputs(files, hostFiles, List.of(), null);
    }
  }

  /**
   * Runs a shell command in /workspace; after a command that exited, copies the {@code fetch} paths
   * it left into {@code into} (a path it did not leave is absent there).
   */
  ExecResult run(Inputs inputs, String command, Duration timeout, List<String> fetch, Path into);

  /** A session of the ml image per command, with the limits {@code sandboxes} gives sessions. */
  static MlSandbox of(Sandboxes sandboxes) {
    return of(sandboxes, sandboxes.defaults().limits());
  }

  /**
   * A session of the ml image per command with these limits (the desktop's sandboxes serve every
   * workflow, so it passes the project's {@code sandbox.limits.automl}).
   */
  static MlSandbox of(Sandboxes sandboxes, org.benchwright.engine.sandbox.SandboxLimits limits) {
    return (inputs, command, timeout, fetch, into) -> {
      SandboxSpec spec = new SandboxSpec(IMAGE, limits);
      try (SandboxSession s = sandboxes.open("automl", spec)) {
        s.writeFiles(inputs.files());
        inputs.hostFiles().forEach(s::writeHostFile);
        if (!inputs.stored().isEmpty()) {
          s.writeVersions(inputs.stored(), inputs.blobs());
        }
        ExecResult r = s.run(command, timeout);
        if (r.termination() == Termination.EXIT && !fetch.isEmpty()) {
          // Only the paths that exist: tar would stop at a missing one.
          String test =
              String.join(
                  " ", fetch.stream().map(p -> "[ -f '" + p + "' ] && echo '" + p + "';").toList());
          List<String> present = s.run(test, Duration.ofSeconds(30)).stdoutText().lines().toList();
          if (!present.isEmpty()) {
            s.copyOut(present, Duration.ofMinutes(10), in -> unpack(in, into));
          }
        }
        return r;
      }
    };
  }

  private static Void unpack(java.io.InputStream in, Path into) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      if (!e.isFile()) {
        continue;
      }
      Path target = into.resolve(e.getName()).normalize();
      if (!target.startsWith(into)) {
        throw new UncheckedIOException(
            new IOException("The sandbox returned a path outside its folder: " + e.getName()));
      }
      Files.createDirectories(target.getParent());
      Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return null;
  }
}
