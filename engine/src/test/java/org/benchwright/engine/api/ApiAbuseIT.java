package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.benchwright.engine.project.ChildProcess;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that misbehave on purpose (issue 19, Bad input): each is answered or dropped clearly, the
 * service keeps serving everyone else, and nothing is written to the project.
 */
@Timeout(120)
class ApiAbuseIT {

  @TempDir Path dir;

  @Test
  void aClientSendingItsHeadersOneBytePerSecondIsDroppedAndOthersAreStillServed() throws Exception {
    Duration idle = Duration.ofSeconds(2);
    try (ApiFixture api =
            ApiFixture.start(dir, ApiServer.Options.loopback(0).withIdleTimeout(idle));
        RawHttp slow = new RawHttp(api.server)) {
      slow.send("GET /project HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      long start = System.nanoTime();
      AtomicInteger dribbled = new AtomicInteger();
      // Each byte resets the connection's idle timeout: only a deadline for the whole head stops
      // this client.
      Thread dribble =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < 30; i++) {
                        Thread.sleep(1000);
                        slow.send("a");
                        dribbled.incrementAndGet();
                      }
                    } catch (IOException | InterruptedException e) {
                      // dropped by the server: what the test waits for
                    }
                  });
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        assertThat(api.get("/project").status()).isEqualTo(200);
        // Served while the slow client holds its connection (bounds loose for a loaded machine).
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(5));
        Thread.sleep(500);
      }
      int first;
      try {
        first = slow.in.read();
      } catch (SocketException e) {
        first = -1; // reset: dropped as well
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      dribble.interrupt();
      assertThat(first).as("the server closed the slow connection").isEqualTo(-1);
      assertThat(took)
          .isGreaterThanOrEqualTo(idle.minusMillis(100))
          .isLessThan(idle.plusSeconds(3));
      assertThat(dribbled.get()).as("the client was still sending when dropped").isPositive();
      assertThat(api.get("/project").status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyTrickledInIsCutOffAtTheDeadlineAndNothingIsRecorded() throws Exception {
    Duration idle = Duration.ofSeconds(2);
    try (ApiFixture api =
            ApiFixture.start(dir, ApiServer.Options.loopback(0).withIdleTimeout(idle));
        RawHttp slow = new RawHttp(api.server)) {
      long events = api.project.summary().events();
      String body =
          "{\"workflow\":\"engineer\",\"task\":\"t\",\"model\":{\"provider\":\"openai\"}}";
      slow.send(
          RawHttp.head("POST", "/runs", api)
              + "Content-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n");
      long start = System.nanoTime();
      Thread dribble =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < body.length() - 1; i++) {
                        slow.send(body.substring(i, i + 1));
                        Thread.sleep(500);
                      }
                    } catch (IOException | InterruptedException e) {
                      // dropped by the server: what the test waits for
                    }
                  });
      // Whatever it is told (a 400 on a connection then closed, or nothing), it is cut off.
      String rest;
      try {
        rest = new String(slow.in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (SocketException e) {
        rest = "";
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      dribble.interrupt();
      assertThat(rest).doesNotContain(" 201 ");
      assertThat(took)
          .isGreaterThanOrEqualTo(idle.minusMillis(100))
          .isLessThan(idle.plusSeconds(3));
      assertThat(api.get("/project").status()).isEqualTo(200);
      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aHugeDeclaredBodyIsRefusedBeforeItIsReadAndNothingIsRecorded() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long events = api.project.summary().events();
      try (RawHttp c = new RawHttp(api.server)) {
        c.send(
            RawHttp.head("POST", "/runs", api)
                + "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n"
                + "{\"workflow\":\"engineer\",\"task\":\"");
        var r = c.response();
        api.check("POST", "/runs", r);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
        assertThat(r.json().get("detail").asText()).contains("limit of 1048576 bytes");
      }
      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aClientLibrarySendingAHugeBodyReadsTheWholeRefusal() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long events = api.project.summary().events();
      String body = "{\"workflow\":\"engineer\",\"task\":\"" + "x".repeat(2 << 20) + "\"}";
      // The server stops reading at the limit and closes the connection after its answer: the
      // answer must still arrive whole, every time (a streamed one was cut off now and then).
      for (int i = 0; i < 20; i++) {
        var huge = api.send("POST", "/runs", body, "application/json", api.token.value());
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("title").asText()).isEqualTo("Content too large");
      }
      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aHugeChunkedBodyIsRefusedAtTheLimitWithoutReadingTheRest() throws Exception {
    long limit = 64 * 1024;
    long attempt = 64L << 20;
    try (ApiFixture api =
        ApiFixture.start(dir, ApiServer.Options.loopback(0).withMaxBodyBytes(limit))) {
      long events = api.project.summary().events();
      try (RawHttp c = new RawHttp(api.server)) {
        c.send(
            RawHttp.head("POST", "/runs", api)
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        AtomicLong sent = new AtomicLong();
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8);
        Thread writer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        while (sent.get() < attempt) {
                          c.out.write(size);
                          c.out.write(chunk);
                          c.out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                          sent.addAndGet(chunk.length);
                        }
                        c.out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                      } catch (IOException e) {
                        // the server stopped reading and closed: expected
                      }
                    });
        var r = c.response();
        api.check("POST", "/runs", r);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
        assertThat(r.json().get("detail").asText()).contains("limit of " + limit + " bytes");
        // The server read about the limit and stopped: the client could not send the rest (its
        // writes fail, or block on full socket buffers until the test closes the socket).
        writer.join(Duration.ofSeconds(10));
        assertThat(sent.get()).isLessThan(attempt / 2);
      }
      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void headersTooLargeAreRefusedAsAProblem() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir);
        RawHttp c = new RawHttp(api.server)) {
      c.send(RawHttp.head("GET", "/project", api) + "X-Big: " + "b".repeat(40_000) + "\r\n\r\n");
      var r = c.response();
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(r.json().get("status").asInt()).isEqualTo(r.status());
      assertThat(r.json().get("title").asText()).isEqualTo("Request Header Fields Too Large");
      assertThat(api.get("/project").status()).isEqualTo(200);
    }
  }

  @Test
  void clientsThatDropAStreamMidWayReleaseTheirServerThreads() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      // A queued run records nothing: its streams would wait for events as long as it lives.
      long run = api.project.runs().create(new NewRun("engineer", "quiet", "{}")).id();
      long events = api.project.summary().events();
      for (int i = 0; i < 300; i++) {
        try (RawHttp c = new RawHttp(api.server)) {
          c.socket.setSoTimeout(5_000);
          c.send(RawHttp.head("GET", "/runs/" + run + "/events/stream", api) + "\r\n");
          String line;
          while ((line = c.line()) != null && !line.startsWith(": following")) {
            // status line and headers
          }
          assertThat(line).as("stream %d opened", i).isNotNull();
        }
        if (i % 50 == 49) {
          long t = System.nanoTime();
          assertThat(api.get("/project").status()).isEqualTo(200);
          assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
        }
      }
      // Every dropped stream's thread returns to the pool soon, well before a keep-alive is due.
      Poll.until(Duration.ofSeconds(3), () -> followingThreads() == 0);
      long t = System.nanoTime();
      assertThat(api.get("/project").status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  private static long followingThreads() {
    return Thread.getAllStackTraces().values().stream()
        .filter(
            stack ->
                Arrays.stream(stack)
                    .anyMatch(
                        f ->
                            f.getClassName().equals(EventOperations.class.getName())
                                && f.getMethodName().equals("follow")))
        .count();
  }

  @Test
  void whenAnotherProcessWritesTheProjectWritesAreRefusedNamingItAndReadsWork() throws Exception {
    Path file = dir.resolve(ApiFixture.FILE);
    long run;
    try (Project p = Project.create(file)) {
      run = p.runs().create(new NewRun("engineer", "recorded before", "{}")).id();
      p.events()
          .appendAll(
              run,
              List.of(
                  Event.of(EventType.NOTE, null, "{\"text\":\"one\"}"),
                  Event.of(EventType.NOTE, null, "{\"text\":\"two\"}")));
    }
    try (ChildProcess child = ChildProcess.start("hold", file)) {
      assertThat(child.awaitLine("ready", 60_000)).as("child opened the project").isNotNull();
      // The writer lock is taken, so the fixture serves the file read-only, as `serve` does.
      Throwable locked = catchThrowable(() -> Project.open(file).close());
      assertThat(locked).isInstanceOf(ProjectException.Locked.class);
      String writer = ((ProjectException.Locked) locked).holder();
      try (ApiFixture api = ApiFixture.start(dir)) {
        assertThat(api.project.isReadOnly()).isTrue();
        List<RecordedEvent> before = api.project.events().events(run, 1, 100);

        var info = api.get("/project");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("readOnly").asBoolean()).isTrue();
        assertThat(info.json().get("writer").asText()).isEqualTo(writer);
        assertThat(api.get("/runs").json().get("runs")).hasSize(1);
        assertThat(api.get("/runs/" + run + "/events").json().get("events")).hasSize(2);

        var start =
            api.post("/runs", Map.of("workflow", "engineer", "task", "t", "model", api.model()));
        var cancel = api.post("/runs/" + run + "/cancel", null);
        var fork = api.post("/runs/" + run + "/forks", Map.of("at", 1));
        for (var refused : List.of(start, cancel, fork)) {
          assertThat(refused.status()).as(refused.body()).isEqualTo(409);
          assertThat(refused.contentType()).startsWith(ApiServer.PROBLEM);
          assertThat(refused.json().get("detail").asText())
              .contains("Another process writes this project")
              .contains("pid " + child.pid());
        }

        assertThat(api.project.runs().list()).hasSize(1);
        assertThat(api.project.events().events(run, 1, 100)).isEqualTo(before);
      }
    }
  }
}
