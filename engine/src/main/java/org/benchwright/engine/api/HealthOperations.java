package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.sandbox.DockerHealth;
import org.benchwright.engine.workflow.Workflows;

/**
 * Whether runs can go here: the Docker engine and each sandbox image the project's workflows use
 * (the same check as the desktop's status bar and the run preflight; it starts no container), and
 * whether each model provider has a key (never the key).
 */
final class HealthOperations {

  private HealthOperations() {}

  static void register(Routes r, Service s) {
    r.get("/health", "getHealth", call -> Reply.ok(health(s)));
  }

  private static ObjectNode health(Service s) {
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.put("version", s.version());
    Set<String> images = new TreeSet<>();
    for (WorkflowDefinition w : Workflows.catalog().workflows()) {
      images.add(Workflows.image(s.project(), w.name()));
    }
    boolean sandboxes = true;
    var docker = body.putArray("docker");
    for (String image : images) {
      DockerHealth h = DockerHealth.check(image);
      sandboxes &= h.ready();
      docker
          .addObject()
          .put("image", image)
          .put("state", h.state().name())
          .put("summary", h.summary())
          .put("detail", h.advice());
    }
    boolean keysReadable = true;
    var models = body.putArray("models");
    for (ApiKeys.KeyStatus k : s.keys().statuses()) {
      keysReadable &= k.problem() == null;
      models
          .addObject()
          .put("provider", k.provider())
          .put("keyRequired", k.required())
          .put("keyConfigured", k.configured())
          .put("problem", k.problem());
    }
    body.put("status", sandboxes && keysReadable ? "ok" : "degraded");
    return body;
  }
}
