package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's concurrency figure as a check: 50 clients follow runs over SSE while 10 clients start
 * and steer runs at once, all on loopback. Every follower must get every event of every run it
 * follows, in order, exactly once; every write is answered 2xx or a documented 4xx; nothing hangs.
 */
@ExtendWith(DockerRequired.class)
class ApiConcurrencyIT {

  static final int WRITERS = 10;
  static final int FOLLOWERS_PER_WRITER = 5;
  static final int ROUNDS = 2;
  static final Duration BOUND = Duration.ofMinutes(3);

  @TempDir Path dir;

  /** What one follower received of one run: event ids and types, in order. */
  record Received(long run, List<Long> seqs, List<String> types) {}

  @Test
  void fiftyFollowersAndTenWritersAtOnce() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      api.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
      api.answering(ApiServerIT.planThenGiveUp());
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<List<BlockingQueue<Long>>> inboxes = new ArrayList<>();
      List<Future<List<Received>>> followers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        List<BlockingQueue<Long>> mine = new ArrayList<>();
        for (int f = 0; f < FOLLOWERS_PER_WRITER; f++) {
          BlockingQueue<Long> inbox = new LinkedBlockingQueue<>();
          mine.add(inbox);
          followers.add(pool.submit(() -> follow(api, inbox)));
        }
        inboxes.add(mine);
      }
      ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
      Set<Long> started = ConcurrentHashMap.newKeySet();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        List<BlockingQueue<Long>> mine = inboxes.get(w);
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  try {
                    for (int r = 0; r < ROUNDS; r++) {
                      long id =
                          startAndSteer(api, "w" + writer + " r" + r, r % 2 == 0, mine, answers);
                      started.add(id);
                    }
                  } finally {
                    mine.forEach(inbox -> inbox.add(-1L));
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + BOUND.toNanos();
      for (Future<?> w : writers) {
        w.get(left(deadline), TimeUnit.NANOSECONDS);
      }
      List<Received> received = new ArrayList<>();
      for (Future<List<Received>> f : followers) {
        received.addAll(f.get(left(deadline), TimeUnit.NANOSECONDS));
      }
      pool.shutdownNow();

      assertThat(started).hasSize(WRITERS * ROUNDS);
      assertThat(answers)
          .as("every write answered 2xx or a documented 4xx")
          .allSatisfy(a -> assertThat(a).matches(".* -> (200|201|202|409|422)"));
      assertThat(answers).as("gates decided while others stream").contains("decideGate -> 200");
      assertThat(answers.stream().filter(a -> a.endsWith("-> 201")).count())
          .isEqualTo(WRITERS * ROUNDS);
      assertThat(received).hasSize(WRITERS * ROUNDS * FOLLOWERS_PER_WRITER);
      for (long run : started) {
        List<RecordedEvent> stored = api.project.events().events(run, 1, 100_000);
        // The log itself: dense sequence numbers from 1, and the run ended.
        for (int i = 0; i < stored.size(); i++) {
          assertThat(stored.get(i).seq()).isEqualTo(i + 1L);
        }
        assertThat(api.project.runs().find(run).orElseThrow().status())
            .isIn(RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.SUCCEEDED);
        List<Long> seqs = stored.stream().map(RecordedEvent::seq).toList();
        List<String> types = stored.stream().map(e -> e.type().name()).toList();
        List<Received> ofRun = received.stream().filter(x -> x.run() == run).toList();
        assertThat(ofRun).hasSize(FOLLOWERS_PER_WRITER);
        for (Received x : ofRun) {
          assertThat(x.seqs()).as("run %d as one follower received it", run).isEqualTo(seqs);
          assertThat(x.types()).isEqualTo(types);
        }
      }
      assertThat(api.violations()).isEmpty();
    }
  }

  private static long left(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }

  /**
   * Starts a run and waits for its gate; then approves the plan (the coder then gives up), or
   * pauses, resumes and cancels the run. Returns its id.
   */
  private static long startAndSteer(
      ApiFixture api,
      String task,
      boolean approve,
      List<BlockingQueue<Long>> inboxes,
      ConcurrentLinkedQueue<String> answers) {
    var started =
        api.post(
            "/runs", Map.of("workflow", "benchmark-generator", "task", task, "model", api.model()));
    answers.add("startRun -> " + started.status());
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    long id = started.json().get("id").asLong();
    inboxes.forEach(inbox -> inbox.add(id));
    Poll.until(
        ApiServerIT.WAIT,
        () -> {
          String s = api.get("/runs/" + id).json().get("status").asText();
          return s.equals(RunStatus.WAITING_FOR_APPROVAL.name()) || ended(s);
        });
    if (approve) {
      var r = api.post("/runs/" + id + "/gate", Map.of("decision", "approve", "by", task));
      answers.add("decideGate -> " + r.status());
    } else {
      for (String op : List.of("pause", "resume", "cancel")) {
        var r = api.post("/runs/" + id + "/" + op, null);
        answers.add(op + " -> " + r.status());
      }
    }
    Poll.until(ApiServerIT.WAIT, () -> ended(api.get("/runs/" + id).json().get("status").asText()));
    return id;
  }

  private static boolean ended(String status) {
    return status.equals("CANCELLED") || status.equals("FAILED") || status.equals("SUCCEEDED");
  }

  /** Follows each run its inbox names, from its first event to {@code event: end}. */
  private static List<Received> follow(ApiFixture api, BlockingQueue<Long> inbox) throws Exception {
    List<Received> out = new ArrayList<>();
    long run;
    while ((run = inbox.take()) != -1L) {
      List<Long> seqs = new ArrayList<>();
      List<String> types = new ArrayList<>();
      try (var stream = ApiServerIT.open(api, "/runs/" + run + "/events/stream", Map.of())) {
        assertThat(stream.status()).isEqualTo(200);
        BufferedReader in = stream.reader();
        String line;
        boolean ended = false;
        while (!ended && (line = in.readLine()) != null) {
          if (line.startsWith("id: ")) {
            seqs.add(Long.parseLong(line.substring(4)));
          } else if (line.equals("event: end")) {
            ended = true;
          } else if (line.startsWith("event: ")) {
            types.add(line.substring(7));
          }
        }
        assertThat(ended).as("run %d's stream ended with `event: end`", run).isTrue();
      }
      out.add(new Received(run, seqs, types));
    }
    return out;
  }
}
