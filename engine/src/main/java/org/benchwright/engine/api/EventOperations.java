package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;

/** A run's events: pages by sequence number, and a live Server-Sent Events stream. */
final class EventOperations {

  /** A comment this often keeps proxies and the idle timeout from closing a quiet stream. */
  static final long KEEP_ALIVE_MILLIS = 10_000;

  /** How often a waiting stream checks that its client is still connected. */
  static final long CLIENT_CHECK_MILLIS = 200;

  private static final int STREAM_PAGE = 500;

  private EventOperations() {}

  static void register(Routes r, Service s, EventTail tail) {
    r.get("/runs/{runId}/events", "listEvents", call -> page(s, call));
    r.get("/runs/{runId}/events/stream", "streamEvents", call -> stream(s, tail, call));
  }

  private static Reply page(Service s, Call call) {
    RunInfo run = RunOperations.run(s, call);
    long after = call.queryLong("after").orElse(0L);
    int limit = call.queryLong("limit").map(Long::intValue).orElse(1000);
    List<RecordedEvent> events = s.project().events().events(run.id(), after + 1, limit + 1);
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var array = body.putArray("events");
    events.stream().limit(limit).forEach(e -> array.add(Views.event(e)));
    if (events.size() > limit) {
      body.put("next", events.get(limit - 1).seq());
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }

  private static Reply stream(Service s, EventTail tail, Call call) {
    RunInfo run = RunOperations.run(s, call);
    long from =
        call.header("Last-Event-ID")
            .map(Long::parseLong)
            .or(() -> call.queryLong("after"))
            .orElse(0L);
    return new Reply.Streamed(
        200,
        "text/event-stream",
        Map.of("Cache-Control", "no-store", "X-Accel-Buffering", "no"),
        out -> follow(s, tail, run.id(), from, out));
  }

  /**
   * Sends every event after {@code after}, then each new one as it is committed, until the run has
   * ended and all its events are sent (then {@code event: end}), the client goes away (a failed
   * write) or the service stops.
   */
  private static void follow(Service s, EventTail tail, long runId, long after, OutputStream out)
      throws IOException {
    write(out, ": following run " + runId + "\n\n");
    long sent = after;
    long lastWrite = System.currentTimeMillis();
    try {
      while (!tail.closed()) {
        long generation = tail.generation();
        // Read the status before the events: a run that ended after this read has its last
        // events read below, or on the next turn.
        RunStatus status = s.project().runs().find(runId).map(RunInfo::status).orElse(null);
        List<RecordedEvent> events = s.project().events().events(runId, sent + 1, STREAM_PAGE);
        if (!events.isEmpty()) {
          StringBuilder sb = new StringBuilder();
          for (RecordedEvent e : events) {
            sb.append("id: ")
                .append(e.seq())
                .append("\nevent: ")
                .append(e.type().name())
                .append("\ndata: ")
                .append(ApiServer.JSON.writeValueAsString(Views.event(e)))
                .append("\n\n");
            sent = e.seq();
          }
          write(out, sb.toString());
          lastWrite = System.currentTimeMillis();
          if (events.size() == STREAM_PAGE) {
            continue;
          }
        }
        if (status == null || ended(status)) {
          if (events.isEmpty()) {
            write(out, "event: end\ndata: {\"run\":" + runId + ",\"last\":" + sent + "}\n\n");
            return;
          }
          continue;
        }
        // Sleep until a commit, a keep-alive is due, or the client has gone (checked often: a
        // dropped stream must give its thread back long before its next write would fail).
        long seen = generation;
        while (seen == generation && !tail.closed()) {
          long now = System.currentTimeMillis();
          if (now - lastWrite >= KEEP_ALIVE_MILLIS) {
            write(out, ": keep-alive\n\n");
            lastWrite = now;
          }
          if (StreamOut.clientGone(out)) {
            throw new EOFException("the client closed the stream of run " + runId);
          }
          seen =
              tail.await(
                  generation, Math.min(CLIENT_CHECK_MILLIS, KEEP_ALIVE_MILLIS - (now - lastWrite)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean ended(RunStatus status) {
    return status == RunStatus.SUCCEEDED
        || status == RunStatus.FAILED
        || status == RunStatus.CANCELLED;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
