package org.benchwright.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.benchwright.engine.api.ApiServer;
import org.benchwright.engine.api.ApiToken;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench api}: the HTTP service's figures (issue 19) on a real server over
 * loopback. Stream latency: followers of one run over SSE while a writer appends through the
 * engine's event log at a steady pace, each event stamped with its append time; the reference is
 * the same with one follower. Paged reads: one client reading every page of a large run, beside the
 * same pages read directly from the event log in the same run.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = "Measure the HTTP service: SSE stream latency and paged event reads.")
final class ApiBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STAMP = "\"stamp\":";

  @Spec CommandSpec spec;

  @Option(names = "--followers", description = "concurrent followers (default ${DEFAULT-VALUE})")
  int followers = 50;

  @Option(names = "--rate", description = "events appended per second (default ${DEFAULT-VALUE})")
  int rate = 50;

  @Option(
      names = "--seconds",
      description = "seconds of appending per stream figure (default ${DEFAULT-VALUE})")
  int seconds = 20;

  @Option(names = "--events", description = "events in the paged run (default ${DEFAULT-VALUE})")
  int events = 1_000_000;

  @Option(names = "--page", description = "events per page (default ${DEFAULT-VALUE})")
  int page = 5_000;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bw-api");
    out.printf(
        Locale.ROOT,
        "benchwright bench api: %d followers at %d events/s for %d s; %,d events read in pages of"
            + " %,d; Java %s, %d cores%n",
        followers,
        rate,
        seconds,
        events,
        page,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    out.flush();
    try {
      streams(work.resolve("stream.bwproj"), out);
      pages(work.resolve("pages.bwproj"), out);
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  // ---------------------------------------------------------------- stream latency

  private void streams(Path file, PrintWriter out) throws Exception {
    try (Project p = Project.create(file);
        Served s = Served.start(p, file.getParent())) {
      // Class loading and compilation go first, in a short run nobody reports.
      follow(p, s, followers, rate, Math.min(seconds, 3));
      long[] one = follow(p, s, 1, rate, seconds);
      long[] many = follow(p, s, followers, rate, seconds);
      out.printf(
          Locale.ROOT,
          "reference, 1 follower:        p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms (%,d events)%n",
          pct(one, 0.50),
          pct(one, 0.95),
          pct(one, 0.99),
          one[one.length - 1] / 1e6,
          one.length);
      out.printf(
          Locale.ROOT,
          "%3d followers, append->recv:  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms (%,d"
              + " receipts; p95 %.2f x the reference)%n",
          followers,
          pct(many, 0.50),
          pct(many, 0.95),
          pct(many, 0.99),
          many[many.length - 1] / 1e6,
          many.length,
          pct(many, 0.95) / Math.max(pct(one, 0.95), 1e-3));
      out.flush();
    }
  }

  /**
   * One run followed by {@code n} clients while events are appended at {@code perSecond} for {@code
   * secs} seconds; returns every receipt's latency (receive minus append, nanos), sorted.
   */
  static long[] follow(Project p, Served s, int n, int perSecond, int secs) throws Exception {
    long run = p.runs().create(new NewRun("bench", "bench api stream", "{}")).id();
    int total = perSecond * secs;
    CountDownLatch connected = new CountDownLatch(n);
    List<Follower> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Follower f = new Follower(s, run, total, connected);
      all.add(f);
      f.thread.start();
    }
    if (!connected.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("followers did not connect");
    }
    long interval = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < total; i++) {
      LockSupport.parkNanos(next - System.nanoTime());
      // Stamped just before the append: the figure includes the commit, as a client sees it.
      String payload =
          "{" + STAMP + System.nanoTime() + ",\"i\":" + i + ",\"text\":\"" + text(random) + "\"}";
      p.events().append(run, Event.of(EventType.TOOL_RESULT, "coder", payload));
      next += interval;
    }
    p.runs().finish(run, RunStatus.SUCCEEDED, "succeeded", "bench", 0);
    List<long[]> got = new ArrayList<>();
    for (Follower f : all) {
      f.thread.join(TimeUnit.SECONDS.toMillis(60));
      if (f.failure != null) {
        throw new IllegalStateException("a follower failed: " + f.failure, f.failure);
      }
      if (f.count != total) {
        throw new IllegalStateException(
            "a follower received " + f.count + " of " + total + " events");
      }
      got.add(Arrays.copyOf(f.latencies, f.count));
    }
    long[] merged = got.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return merged;
  }

  private static String text(SplittableRandom random) {
    StringBuilder sb = new StringBuilder(200);
    while (sb.length() < 200) {
      sb.append((char) ('a' + random.nextInt(26)));
      if (random.nextInt(6) == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  /** One SSE client on its own thread: checks order and records each event's latency. */
  static final class Follower {
    final Thread thread;
    final long[] latencies;
    int count;
    volatile Throwable failure;

    Follower(Served s, long run, int expected, CountDownLatch connected) {
      latencies = new long[expected];
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("bench-follower")
              .unstarted(() -> read(s, run, expected, connected));
    }

    private void read(Served s, long run, int expected, CountDownLatch connected) {
      boolean counted = false;
      try {
        HttpResponse<InputStream> r =
            s.http.send(
                s.request("/runs/" + run + "/events/stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("stream answered " + r.statusCode());
        }
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
          long expectSeq = 1;
          String line;
          while ((line = in.readLine()) != null) {
            if (!counted && line.startsWith(":")) {
              connected.countDown();
              counted = true;
            } else if (line.startsWith("id: ")) {
              long seq = Long.parseLong(line.substring(4));
              if (seq != expectSeq) {
                throw new IllegalStateException("expected event " + expectSeq + ", got " + seq);
              }
              expectSeq++;
            } else if (line.startsWith("data: ")) {
              long now = System.nanoTime();
              int at = line.indexOf(STAMP);
              if (at >= 0) {
                int from = at + STAMP.length();
                int to = line.indexOf(',', from);
                long stamp = Long.parseLong(line, from, to, 10);
                if (count < expected) {
                  latencies[count] = now - stamp;
                }
                count++;
              }
            } else if (line.equals("event: end")) {
              return;
            }
          }
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        if (!counted) {
          connected.countDown();
        }
      }
    }
  }

  // ---------------------------------------------------------------- paged reads

  private void pages(Path file, PrintWriter out) throws Exception {
    long t0 = System.nanoTime();
    long run;
    try (Project p = Project.create(file)) {
      run = p.runs().create(new NewRun("bench", "bench api pages", "{}")).id();
      SplittableRandom random = new SplittableRandom(42);
      List<Event> chunk = new ArrayList<>(page);
      for (int i = 0; i < events; i++) {
        chunk.add(Event.of(EventType.TOOL_RESULT, "coder", EventLogBench.payload(random, i)));
        if (chunk.size() == page || i == events - 1) {
          p.events().appendAll(run, chunk);
          chunk.clear();
        }
      }
      p.runs().finish(run, RunStatus.SUCCEEDED, "succeeded", "bench", 0);
    }
    out.printf(
        Locale.ROOT,
        "paged run: %,d events, %,d bytes, built in %.1f s%n",
        events,
        Files.size(file),
        (System.nanoTime() - t0) / 1e9);
    out.flush();
    try (Project p = Project.open(file);
        Served s = Served.start(p, file.getParent())) {
      // Both paths read a tenth of the run first, so neither is measured cold.
      direct(p, run, events / 10);
      viaApi(s, run, events / 10);
      long[] direct = direct(p, run, events);
      long[] api = viaApi(s, run, events);
      double directRate = events / (direct[0] / 1e9);
      double apiRate = events / (api[0] / 1e9);
      out.printf(
          Locale.ROOT,
          "reference, EventLog.events pages of %,d:  %,10.0f events/s (%.1f s)%n",
          page,
          directRate,
          direct[0] / 1e9);
      out.printf(
          Locale.ROOT,
          "GET /runs/{id}/events?limit=%,d, 1 client: %,10.0f events/s (%.1f s, %,d pages, %.1f MB"
              + " of JSON; %.2f x the reference)%n",
          page,
          apiRate,
          api[0] / 1e9,
          api[1],
          api[2] / 1e6,
          apiRate / directRate);
      out.flush();
    }
  }

  /** Reads the first {@code upTo} events in pages straight from the log: {nanos, pages}. */
  private long[] direct(Project p, long run, int upTo) {
    long start = System.nanoTime();
    long after = 0;
    long pages = 0;
    while (after < upTo) {
      List<RecordedEvent> got = p.events().events(run, after + 1, page);
      if (got.isEmpty()) {
        break;
      }
      after = got.getLast().seq();
      pages++;
    }
    if (after < upTo) {
      throw new IllegalStateException("direct reads stopped at " + after);
    }
    return new long[] {System.nanoTime() - start, pages};
  }

  /**
   * Reads the first {@code upTo} events through the service as a client would (parsing each page
   * and following {@code next}), checking that the sequence has no gap: {nanos, pages, bytes}.
   */
  private long[] viaApi(Served s, long run, int upTo) throws Exception {
    long start = System.nanoTime();
    long after = 0;
    long pages = 0;
    long bytes = 0;
    while (after < upTo) {
      HttpResponse<byte[]> r =
          s.http.send(
              s.request("/runs/" + run + "/events?after=" + after + "&limit=" + page).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "page after " + after + " answered " + r.statusCode() + ": " + new String(r.body()));
      }
      bytes += r.body().length;
      JsonNode body = JSON.readTree(r.body());
      for (JsonNode e : body.get("events")) {
        long seq = e.get("seq").asLong();
        if (seq != after + 1) {
          throw new IllegalStateException("expected event " + (after + 1) + ", got " + seq);
        }
        after = seq;
      }
      pages++;
      if (body.get("next").isNull()) {
        break;
      }
    }
    if (after < upTo) {
      throw new IllegalStateException("paged reads stopped at " + after);
    }
    return new long[] {System.nanoTime() - start, pages, bytes};
  }

  // ---------------------------------------------------------------- the service

  static double pct(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** A real service on a loopback port over the project, and an HTTP/1.1 client for it. */
  record Served(ApiServer server, ApiToken token, HttpClient http) implements AutoCloseable {
    static Served start(Project p, Path dir) throws Exception {
      ApiToken token = ApiToken.generate(p.uid());
      ApiServer server =
          ApiServer.serve(
              p,
              null,
              ApiKeys.of(Map.of(), dir.resolve("no-keys.properties")),
              token,
              ApiServer.Options.loopback(0),
              "bench");
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      return new Served(server, token, http);
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create(server.uri() + path))
          .header("Authorization", "Bearer " + token.value());
    }

    @Override
    public void close() {
      http.close();
      server.close();
    }
  }
}
