package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.benchwright.engine.export.ExportFilter;
import org.benchwright.engine.export.ExportResult;
import org.benchwright.engine.export.ExportSplit;
import org.benchwright.engine.export.FineTuneValidator;
import org.benchwright.engine.export.TrainingDataExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training-data exports, as the CLI's {@code export} writes them (the same {@link
 * TrainingDataExport}, secrets scrubbed by it), run in the background. An export lives in this
 * service's memory with its file in a work folder of its own; both are gone when the service stops.
 * Exports only read the project, so a service that does not write the project can export too.
 */
final class ExportOperations {

  private ExportOperations() {}

  static void register(Routes r, Service s) {
    // Created on the first export, so a service nobody exports from has no work folder.
    Store store = new Store(s, null);
    r.postReading("/exports", "startExport", call -> store.start(call.body()));
    r.get("/exports/{exportId}", "getExport", call -> Reply.ok(store.find(call).view()));
    r.get("/exports/{exportId}/download", "downloadExport", call -> store.download(call));
  }

  enum State {
    running,
    done,
    failed
  }

  /** One export: what was asked, how far it is, and where its files are. */
  static final class Export {
    final String id = UUID.randomUUID().toString();
    final String kind;
    final JsonNode request;
    final Instant createdAt = Instant.now();
    final Path train;
    final Path validation; // null without a validation split
    volatile State state = State.running;
    volatile long eventsRead;
    volatile long eventsTotal;
    volatile ExportResult result;
    volatile List<String> formatProblems = List.of();
    volatile String error;
    volatile Instant finishedAt;

    Export(String kind, JsonNode request, Path dir, boolean split) {
      this.kind = kind;
      this.request = request;
      this.train = dir.resolve(id + "-train.jsonl");
      this.validation = split ? dir.resolve(id + "-validation.jsonl") : null;
    }

    ObjectNode view() {
      ObjectNode n = ApiServer.JSON.createObjectNode();
      n.put("id", id);
      n.put("state", state.name());
      n.put("kind", kind);
      n.set("request", request);
      n.put("createdAt", createdAt.toString());
      n.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
      n.put("eventsRead", eventsRead);
      n.put("eventsTotal", eventsTotal);
      ExportResult r = result;
      if (r == null) {
        n.putNull("counts");
      } else {
        n.putObject("counts")
            .put("runs", r.runs())
            .put("trainRuns", r.trainRuns())
            .put("validationRuns", r.validationRuns())
            .put("trainLines", r.trainLines())
            .put("validationLines", r.validationLines())
            .put("dropped", r.dropped())
            .put("empty", r.empty());
      }
      var problems = n.putArray("formatProblems");
      formatProblems.forEach(problems::add);
      n.put("error", error);
      var parts = n.putArray("parts");
      parts.add("train");
      if (validation != null) {
        parts.add("validation");
      }
      return n;
    }
  }

  /** The exports of this service; at most {@link #RUNNING} at once, {@link #KEPT} remembered. */
  static final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportOperations.class);
    static final int RUNNING = 4;
    static final int KEPT = 50;
    private static final int PROBLEMS_SHOWN = 20;

    private final Service service;
    private final Map<String, Export> exports = new LinkedHashMap<>(); // guarded by this
    private final Executor given; // tests hold exports with their own; null: a pool of RUNNING
    private ExecutorService workers; // guarded by this
    private Path dir; // guarded by this
    private volatile boolean closed;

    Store(Service service, Executor workers) {
      this.service = service;
      this.given = workers;
    }

    Reply start(JsonNode b) {
      String kind = b.path("kind").asText("chat");
      double fraction = b.path("validationFraction").asDouble(0);
      if (kind.equals("preferences") && fraction > 0) {
        throw ApiProblem.unprocessable(
            "Preference pairs have no validation split: leave validationFraction out.");
      }
      ExportFilter filter = filter(b);
      ExportSplit split =
          fraction > 0 ? new ExportSplit(fraction, b.path("seed").asLong(0)) : ExportSplit.NONE;
      Export e;
      synchronized (this) {
        long running = exports.values().stream().filter(x -> x.state == State.running).count();
        if (running >= RUNNING) {
          throw ApiProblem.conflict(
              running + " exports are running; wait for one to end (GET /exports/{exportId}).");
        }
        e = new Export(kind, b, workDir(), fraction > 0);
        forgetOldest();
        exports.put(e.id, e);
        workers().execute(() -> run(e, filter, split));
      }
      return Reply.accepted(e.view(), "/exports/" + e.id);
    }

    private static ExportFilter filter(JsonNode b) {
      return new ExportFilter(
          text(b, "workflow"),
          text(b, "node"),
          text(b, "outcome"),
          text(b, "model"),
          b.hasNonNull("since") ? Instant.parse(b.get("since").asText()) : null,
          b.hasNonNull("until") ? Instant.parse(b.get("until").asText()) : null,
          b.path("benchmarksOnly").asBoolean(false));
    }

    private static String text(JsonNode b, String field) {
      return b.hasNonNull(field) ? b.get(field).asText() : null;
    }

    private void run(Export e, ExportFilter filter, ExportSplit split) {
      TrainingDataExport export = new TrainingDataExport(service.project());
      TrainingDataExport.Progress progress =
          (read, total) -> {
            e.eventsRead = read;
            e.eventsTotal = total;
          };
      try {
        ExportResult r;
        try (BufferedWriter train = Files.newBufferedWriter(e.train, StandardCharsets.UTF_8);
            BufferedWriter validation =
                e.validation == null
                    ? null
                    : Files.newBufferedWriter(e.validation, StandardCharsets.UTF_8)) {
          r =
              e.kind.equals("preferences")
                  ? export.exportPreferences(filter, train, progress, this::cancelled)
                  : export.export(filter, split, train, validation, progress, this::cancelled);
        }
        List<String> problems = new ArrayList<>(check(e.train, e.kind));
        if (e.validation != null) {
          problems.addAll(check(e.validation, e.kind));
        }
        e.result = r;
        e.eventsRead = r.eventsRead();
        e.formatProblems = List.copyOf(problems);
        e.state = State.done;
      } catch (CancellationException x) {
        e.error = "The service stopped before the export ended.";
        e.state = State.failed;
      } catch (IOException | RuntimeException x) {
        LOG.warn("Export {} failed", e.id, x);
        e.error = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
        e.state = State.failed;
      } finally {
        e.finishedAt = Instant.now();
      }
    }

    /** The format check the CLI prints after an export: the first problems, with their lines. */
    private static List<String> check(Path file, String kind) throws IOException {
      FineTuneValidator.Report report;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        FineTuneValidator v = new FineTuneValidator();
        report = kind.equals("preferences") ? v.validatePreferences(in) : v.validateChat(in);
      }
      return report.problems().stream()
          .limit(PROBLEMS_SHOWN)
          .map(p -> file.getFileName() + ": " + p)
          .toList();
    }

    private boolean cancelled() {
      return closed || Thread.currentThread().isInterrupted();
    }

    Export find(Call call) {
      String id = call.pathString("exportId");
      synchronized (this) {
        Export e = exports.get(id);
        if (e == null) {
          throw ApiProblem.notFound(
              "No export " + id + " in this service (exports last as long as the service).");
        }
        return e;
      }
    }

    Reply download(Call call) {
      Export e = find(call);
      String part = call.query("part").orElse("train");
      switch (e.state) {
        case running ->
            throw ApiProblem.conflict(
                "Export " + e.id + " is still running; download it when its state is done.");
        case failed -> throw ApiProblem.conflict("Export " + e.id + " failed: " + e.error);
        case done -> {}
      }
      Path file = part.equals("validation") ? e.validation : e.train;
      if (file == null) {
        throw ApiProblem.notFound(
            "Export " + e.id + " has no validation part (start it with a validationFraction).");
      }
      if (size(file) == 0) {
        return new Reply.Streamed(204, "application/x-ndjson", Map.of(), out -> {});
      }
      return new Reply.Streamed(
          200,
          "application/x-ndjson",
          Map.of(
              "Content-Disposition",
              "attachment; filename=\"" + e.kind + "-" + part + ".jsonl\"",
              "Cache-Control",
              "no-store"),
          out -> Files.copy(file, out));
    }

    private static long size(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException("The export's file is gone", e);
      }
    }

    /** Past {@link #KEPT}, the oldest ended export is forgotten and its files deleted. */
    private void forgetOldest() {
      while (exports.size() >= KEPT) {
        Export oldest =
            exports.values().stream()
                .filter(x -> x.state != State.running)
                .min(Comparator.comparing(x -> x.createdAt))
                .orElse(null);
        if (oldest == null) {
          return;
        }
        exports.remove(oldest.id);
        delete(oldest.train);
        delete(oldest.validation);
      }
    }

    private Path workDir() {
      if (closed) {
        throw ApiProblem.conflict("The service is stopping.");
      }
      if (dir == null) {
        try {
          // Only this user may read what an export wrote.
          dir =
              FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                  ? Files.createTempDirectory(
                      "benchwright-exports-",
                      PosixFilePermissions.asFileAttribute(
                          PosixFilePermissions.fromString("rwx------")))
                  : Files.createTempDirectory("benchwright-exports-");
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot create the exports' work folder", e);
        }
        service.own(this);
      }
      return dir;
    }

    private Executor workers() {
      if (given != null) {
        return given;
      }
      if (workers == null) {
        workers =
            Executors.newFixedThreadPool(
                RUNNING,
                r -> {
                  Thread t = new Thread(r, "api-export");
                  t.setDaemon(true);
                  return t;
                });
      }
      return workers;
    }

    /** Stops running exports and deletes the work folder. */
    @Override
    public void close() {
      closed = true;
      ExecutorService w;
      Path d;
      synchronized (this) {
        w = workers;
        d = dir;
      }
      if (w != null) {
        w.shutdownNow();
        try {
          w.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (d != null) {
        try (Stream<Path> files = Files.walk(d)) {
          files.sorted(Comparator.reverseOrder()).forEach(ExportOperations::delete);
        } catch (IOException e) {
          LOG.warn("Cannot delete the exports' work folder: {}", e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return "the exports' work folder";
    }
  }

  private static void delete(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LoggerFactory.getLogger(ExportOperations.class)
          .warn("Cannot delete {}: {}", p, e.getMessage());
    }
  }
}
