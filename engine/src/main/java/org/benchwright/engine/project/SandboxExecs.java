package org.benchwright.engine.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Records sandbox executions: a SANDBOX_EXEC event (with a short preview of the output) and a
 * sandbox_execs row, the full stdout and stderr as blobs, all in one transaction.
 */
public final class SandboxExecs {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PREVIEW = 2_000;

  private final EventLog log;

  SandboxExecs(EventLog log) {
    this.log = log;
  }

  /** Returns the seq of the SANDBOX_EXEC event. */
  public long record(long runId, ExecRecord r) {
    return log.inTransaction(
        runId,
        c -> {
          String out = BlobStore.put(c, r.stdout());
          String err = BlobStore.put(c, r.stderr());
          var exec =
              new EventPayload.SandboxExec(
                  r.command(),
                  r.exitCode(),
                  r.durationMs(),
                  r.termination(),
                  r.sessionRestarted(),
                  r.outputTruncated(),
                  out,
                  err,
                  preview(r.stdout()),
                  preview(r.stderr()),
                  r.detail(),
                  parse(r.limitsJson()));
          long seq = log.appendAll(c, runId, List.of(Event.of(r.node(), exec)))[0];
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO sandbox_execs (run_id, seq, command, exit_code, duration_ms,"
                      + " stdout_blob, stderr_blob, output_truncated, limits, termination_reason,"
                      + " started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, runId);
            ps.setLong(2, seq);
            ps.setString(3, JSON.valueToTree(r.command()).toString());
            ps.setObject(4, r.exitCode());
            ps.setLong(5, r.durationMs());
            ps.setString(6, out);
            ps.setString(7, err);
            ps.setBoolean(8, r.outputTruncated());
            ps.setString(9, r.limitsJson());
            ps.setString(10, r.termination());
            ps.setLong(11, r.startedAtMillis());
            ps.executeUpdate();
          }
          return seq;
        });
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("limits are not JSON: " + json, e);
    }
  }

  private static String preview(byte[] bytes) {
    String s = new String(bytes, 0, Math.min(bytes.length, PREVIEW * 2), StandardCharsets.UTF_8);
    return s.length() > PREVIEW ? s.substring(0, PREVIEW) + "…" : s;
  }
}
