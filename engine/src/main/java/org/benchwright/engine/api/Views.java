package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;

/** The JSON shapes of the contract's schemas, built as trees in one place. */
final class Views {

  private Views() {}

  static ObjectNode run(RunInfo r, boolean live, boolean paused) {
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("id", r.id());
    n.put("uid", r.uid());
    n.put("workflow", r.workflow());
    n.put("task", r.task());
    n.put("label", r.label());
    n.put("status", r.status().name());
    n.put("parentId", r.parentRunId());
    n.put("forkSeq", r.forkSeq());
    n.put("createdAt", r.createdAt().toString());
    try {
      n.set(
          "model",
          r.modelConfigJson() == null
              ? ApiServer.JSON.createObjectNode()
              : ApiServer.JSON.readTree(r.modelConfigJson()));
    } catch (IOException e) {
      n.set("model", ApiServer.JSON.createObjectNode());
    }
    n.put("inputTokens", r.inputTokens());
    n.put("outputTokens", r.outputTokens());
    n.put("costUsd", r.costUsd());
    n.put("wallMillis", r.wallMillis());
    n.put("live", live);
    n.put("paused", paused);
    return n;
  }

  static ObjectNode run(Service s, RunInfo r) {
    var handle = s.live(r.id());
    return run(r, handle.isPresent(), handle.map(h -> h.control().isPaused()).orElse(false));
  }

  /**
   * An event, with its stored payload passed through as it is (already JSON): paged reads do not
   * parse and re-write every payload.
   */
  static ObjectNode event(RecordedEvent e) {
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("run", e.runId());
    n.put("seq", e.seq());
    n.put("type", e.type().name());
    n.put("node", e.node());
    n.put("at", e.timestamp().toString());
    n.putRawValue("payload", new RawValue(e.payloadJson() == null ? "{}" : e.payloadJson()));
    n.put("blob", e.blobSha());
    return n;
  }
}
