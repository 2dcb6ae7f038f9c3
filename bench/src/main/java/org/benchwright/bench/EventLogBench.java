package org.benchwright.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The event-log benchmark. Order: raw sqlite-jdbc reference, then Benchwright batched appends, then
 * one commit per append, then opening the large project. Events are generated as they are written
 * and never held, so the heap stays flat whatever the count.
 */
final class EventLogBench {

  private static final String[] WORDS = {
    "ramp", "ball", "goal", "zone", "servo", "bracket", "mesh", "stable", "contact", "joint",
    "torque", "gravity", "friction", "seed", "variant", "forbid", "build", "cost", "weight", "plan"
  };

  private final Path work;
  private final int events;
  private final int singleEvents;
  private final int batch;
  private final PrintWriter out;

  EventLogBench(Path work, int events, int singleEvents, int batch, PrintWriter out) {
    this.work = work;
    this.events = events;
    this.singleEvents = singleEvents;
    this.batch = batch;
    this.out = out;
  }

  void run() throws Exception {
    resetPeaks();
    out.printf(
        Locale.ROOT,
        "benchwright bench: %,d events of ~%d-byte JSON, %,d per transaction, Java %s, %d cores%n",
        events,
        payload(new SplittableRandom(1), 0).length(),
        batch,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());

    warmUp();
    double raw = rawReference(work.resolve("raw.sqlite"));
    out.printf(Locale.ROOT, "raw sqlite-jdbc batched insert (reference): %,12.0f events/s%n", raw);

    Path big = work.resolve("bench.bwproj");
    long[] runAndNanos = benchwrightBatched(big);
    double batched = events / (runAndNanos[1] / 1e9);
    out.printf(
        Locale.ROOT,
        "Benchwright appendAll, %,d per commit:    %,12.0f events/s  (%.2f x raw)%n",
        batch,
        batched,
        batched / raw);

    double async = benchwrightAsync(work.resolve("async.bwproj"));
    out.printf(
        Locale.ROOT,
        "Benchwright appendAsync, group commit:   %,12.0f events/s  (%.2f x raw; each acked after commit)%n",
        async,
        async / raw);

    double single = benchwrightSingle(work.resolve("single.bwproj"));
    out.printf(
        Locale.ROOT,
        "Benchwright append, one commit each:     %,12.0f events/s  (%.2f x raw; %,d events)%n",
        single,
        single / raw,
        singleEvents);

    long size = Files.size(big);
    out.printf(
        Locale.ROOT,
        "file size: %,d bytes for %,d events = %.1f MB per million events%n",
        size,
        events,
        size / 1e6 / (events / 1e6));

    long runId = runAndNanos[0];
    long[] warm = medianOpen(big, runId, 5);
    out.printf(
        Locale.ROOT,
        "open for writing + read last 200 events, warm JVM (median of 5): %.1f ms (open %.1f ms)%n",
        warm[1] / 1e6,
        warm[0] / 1e6);
    long[] cold = openInFreshJvm(big, runId);
    if (cold != null) {
      out.printf(
          Locale.ROOT,
          "open read-only + read last 200 events, fresh JVM: %.1f ms (open %.1f ms)%n",
          cold[1] / 1e6,
          cold[0] / 1e6);
    }
    out.printf(
        Locale.ROOT,
        "peak heap used: %.1f MB (max heap %.0f MB)%n",
        peakHeapBytes() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
  }

  /** Small runs of each path first, so JIT compilation does not favour whichever runs later. */
  private void warmUp() throws Exception {
    Path warm = Files.createDirectories(work.resolve("warm-up"));
    EventLogBench small = new EventLogBench(warm, Math.min(events, 50_000), 5_000, batch, out);
    small.rawReference(warm.resolve("raw.sqlite"));
    small.benchwrightBatched(warm.resolve("batched.bwproj"));
    small.benchwrightAsync(warm.resolve("async.bwproj"));
    small.benchwrightSingle(warm.resolve("single.bwproj"));
    deleteTree(warm);
    resetPeaks();
  }

  private double rawReference(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute(
            "CREATE TABLE events (run_id BIGINT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,"
                + " node TEXT, created_at BIGINT NOT NULL, payload TEXT NOT NULL, blob_sha TEXT,"
                + " PRIMARY KEY (run_id, seq)) WITHOUT ROWID");
      }
      c.setAutoCommit(false);
      SplittableRandom random = new SplittableRandom(42);
      long start = System.nanoTime();
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO events (run_id, seq, type, node, created_at, payload, blob_sha)"
                  + " VALUES (?,?,?,?,?,?,?)")) {
        for (int i = 0; i < events; i++) {
          ps.setLong(1, 1);
          ps.setLong(2, i + 1);
          ps.setString(3, EventType.TOOL_RESULT.name());
          ps.setString(4, "coder");
          ps.setLong(5, System.currentTimeMillis());
          ps.setString(6, payload(random, i));
          ps.setString(7, null);
          ps.addBatch();
          if ((i + 1) % batch == 0 || i == events - 1) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
      return events / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Returns {runId, nanos}. */
  private long[] benchwrightBatched(Path file) {
    try (Project p = Project.create(file)) {
      long run = p.runs().create(new NewRun("bench", "append throughput", "{}")).id();
      SplittableRandom random = new SplittableRandom(42);
      long start = System.nanoTime();
      List<Event> chunk = new ArrayList<>(batch);
      for (int i = 0; i < events; i++) {
        chunk.add(Event.of(EventType.TOOL_RESULT, "coder", payload(random, i)));
        if (chunk.size() == batch || i == events - 1) {
          p.events().appendAll(run, chunk);
          chunk.clear();
        }
      }
      return new long[] {run, System.nanoTime() - start};
    }
  }

  private double benchwrightAsync(Path file) {
    try (Project p = Project.create(file)) {
      long run = p.runs().create(new NewRun("bench", "async appends", "{}")).id();
      SplittableRandom random = new SplittableRandom(42);
      long start = System.nanoTime();
      java.util.concurrent.CompletableFuture<Long> last = null;
      for (int i = 0; i < events; i++) {
        last =
            p.events()
                .appendAsync(run, Event.of(EventType.TOOL_RESULT, "coder", payload(random, i)));
      }
      // Commits are in submission order: the last acknowledgement implies all earlier ones.
      long lastSeq = last.join();
      double rate = events / ((System.nanoTime() - start) / 1e9);
      if (lastSeq != events) {
        throw new IllegalStateException("async appends lost events: last seq " + lastSeq);
      }
      return rate;
    }
  }

  private double benchwrightSingle(Path file) {
    try (Project p = Project.create(file)) {
      long run = p.runs().create(new NewRun("bench", "single appends", "{}")).id();
      SplittableRandom random = new SplittableRandom(42);
      long start = System.nanoTime();
      for (int i = 0; i < singleEvents; i++) {
        p.events().append(run, Event.of(EventType.TOOL_RESULT, "coder", payload(random, i)));
      }
      return singleEvents / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static long[] medianOpen(Path file, long runId, int times) {
    long[][] all = new long[times][];
    for (int i = 0; i < times; i++) {
      all[i] = openAndReadLastPage(file, runId, 200, true);
    }
    Arrays.sort(all, Comparator.comparingLong(a -> a[1]));
    return all[times / 2];
  }

  /** Returns {nanos to open, nanos to open and read the last page}. */
  static long[] openAndReadLastPage(Path file, long runId, int page, boolean forWriting) {
    long start = System.nanoTime();
    try (Project p = forWriting ? Project.open(file) : Project.openReadOnly(file)) {
      long opened = System.nanoTime() - start;
      long last = p.events().lastSeq(runId);
      List<RecordedEvent> events = p.events().events(runId, Math.max(1, last - page + 1), page);
      long total = System.nanoTime() - start;
      if (events.size() != Math.min(page, last) || events.getLast().seq() != last) {
        throw new IllegalStateException("last page read wrong: " + events.size() + " events");
      }
      return new long[] {opened, total};
    }
  }

  private long[] openInFreshJvm(Path file, long runId) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BenchCommand.class.getName(),
                "open-probe",
                file.toString(),
                Long.toString(runId))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(child.getInputStream().readAllBytes());
    child.waitFor();
    for (String line : output.split("\n")) {
      if (line.startsWith("probe ")) {
        String[] f = line.trim().split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
      }
    }
    out.println("fresh-JVM open probe failed: " + output.strip());
    return null;
  }

  /** A realistic tool-result payload of about 300 bytes, different for every event. */
  static String payload(SplittableRandom random, int i) {
    StringBuilder text = new StringBuilder(220);
    while (text.length() < 200) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return "{\"tool\":\"run_command\",\"call_id\":\"call_"
        + Integer.toHexString(random.nextInt())
        + "\",\"i\":"
        + i
        + ",\"exit_code\":0,\"duration_ms\":"
        + random.nextInt(5000)
        + ",\"stdout\":\""
        + text
        + "\"}";
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
