package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.workflow.Workflows;

/** A project, a model stub, sandboxes and a runtime for one agent test. */
public final class AgentHarness implements AutoCloseable {

  static final String PLANTED_KEY = "sk-planted-9f8e7d6c5b4a3921";
  static final ObjectMapper JSON = new ObjectMapper();

  public final OpenAiStub stub = OpenAiStub.start();
  public final Project project;
  final ModelGateway gateway;
  public final AgentRuntime runtime;
  private Sandboxes sandboxes;
  private boolean ownsProject;

  public AgentHarness(Path dir) {
    this(Project.create(dir.resolve("agent.bwproj")), dir);
    ownsProject = true;
  }

  /** Over an existing project (a resumed run), with a stub of its own. */
  AgentHarness(Project existing, Path dir) {
    project = existing;
    gateway =
        new ModelGateway(
            ApiKeys.of(
                Map.of("OPENAI_COMPATIBLE_API_KEY", PLANTED_KEY),
                dir.resolve("no-keys.properties")),
            PriceTable.defaults());
    runtime = Workflows.runtime(project, gateway, this::sandboxes);
  }

  synchronized Sandboxes sandboxes() {
    if (sandboxes == null) {
      sandboxes = Sandboxes.start(Sandboxes.Settings.forOwner(project.uid()).withWarmPool(0));
    }
    return sandboxes;
  }

  ModelConfig model(Duration timeout, int retries) {
    return new ModelConfig(
        "openai-compatible", "stub-model", stub.baseUrl(), 0.0, null, timeout, retries);
  }

  public ModelConfig model() {
    return model(Duration.ofSeconds(20), 2);
  }

  public List<RecordedEvent> events(long runId) {
    return project.events().events(runId, 1, 100_000);
  }

  public static String args(Object... keyValues) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
    }
    return o.toString();
  }

  static String resource(String name) {
    try (InputStream in = AgentHarness.class.getResourceAsStream("/agent/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    runtime.close();
    if (sandboxes != null) {
      sandboxes.close();
    }
    if (ownsProject) {
      project.close();
    }
    stub.close();
  }
}
