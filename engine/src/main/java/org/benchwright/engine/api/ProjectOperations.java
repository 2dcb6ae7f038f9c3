package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.benchwright.engine.project.Project;

/** The document itself and the project it serves. */
final class ProjectOperations {

  private ProjectOperations() {}

  static void register(Routes r, Service s) {
    byte[] document = Contract.shipped().json().getBytes(StandardCharsets.UTF_8);
    r.get(
        "/openapi.json",
        "getOpenApi",
        call -> new Reply.Streamed(200, "application/json", Map.of(), out -> out.write(document)));
    r.get("/project", "getProject", call -> Reply.ok(info(s)));
  }

  private static ObjectNode info(Service s) {
    Project p = s.project();
    Project.Summary sum = p.summary();
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("file", p.file().toString());
    n.put("uid", p.uid());
    n.put("schemaVersion", sum.schemaVersion());
    n.put("readOnly", p.isReadOnly());
    n.put("writer", s.writer().orElse(null));
    n.put("runs", sum.runs());
    n.put("events", sum.events());
    n.put("blobs", sum.blobs());
    n.put("blobBytes", sum.blobBytes());
    n.put("version", s.version());
    return n;
  }
}
