package org.benchwright.engine.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
          ObjectNode p = JSON.createObjectNode();
          p.set("command", JSON.valueToTree(r.command()));
          if (r.exitCode() == null) {
            p.putNull("exit_code");
          } else {
            p.put("exit_code", r.exitCode());
          }
          p.put("duration_ms", r.durationMs())
              .put("termination", r.termination())
              .put("session_restarted", r.sessionRestarted())
              .put("output_truncated", r.outputTruncated())
              .put("stdout_sha256", out)
              .put("stderr_sha256", err)
              .put("stdout_preview", preview(r.stdout()))
              .put("stderr_preview", preview(r.stderr()));
          if (r.detail() != null) {
            p.put("detail", r.detail());
          }
          p.set("limits", parse(r.limitsJson()));
          long seq =
              log.appendAll(
                      c,
                      runId,
                      List.of(new Event(EventType.SANDBOX_EXEC, r.node(), p.toString(), null)))[0];
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
