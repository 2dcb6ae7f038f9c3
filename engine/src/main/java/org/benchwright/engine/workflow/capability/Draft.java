package org.benchwright.engine.workflow.capability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Optional;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.capabilities.TestOutcome;
import org.benchwright.engine.project.EventPayload.Capability;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The capability a run is synthesizing, folded from its CAPABILITY events (so a resumed or replayed
 * run is where the log says): the spec accepted last, the tests that failed against the empty
 * implementation since, and how many times the code has failed them.
 */
record Draft(
    CapabilitySpec spec,
    boolean revises,
    String tests,
    TestOutcome red,
    int failedCode,
    boolean closed) {

  static final String SPEC = "spec";
  static final String TESTS = "tests";
  static final String CODE = "code";
  static final String REGISTERED = "registered";
  static final String ABANDONED = "abandoned";

  /** The run's open draft, if it has one (a spec not yet registered or abandoned). */
  static Optional<Draft> of(Project project, long runId) {
    Draft d = null;
    try (var events = project.events().stream(runId, EnumSet.of(EventType.CAPABILITY))) {
      for (RecordedEvent e : (Iterable<RecordedEvent>) events::iterator) {
        Capability c = e.payload(Capability.class);
        JsonNode data = c.data();
        switch (c.step()) {
          case SPEC -> {
            if (c.ok()) {
              d =
                  new Draft(
                      CapabilitySpec.parse(data.get("spec")),
                      data.path("revises").asBoolean(false),
                      null,
                      null,
                      0,
                      false);
            }
          }
          case TESTS -> {
            if (d != null && !d.closed() && c.ok()) {
              d =
                  new Draft(
                      d.spec(),
                      d.revises(),
                      data.get("tests").asText(),
                      outcome(TestOutcome.RED, data),
                      0,
                      false);
            }
          }
          case CODE -> {
            if (d != null && !d.closed() && !c.ok()) {
              d = new Draft(d.spec(), d.revises(), d.tests(), d.red(), d.failedCode() + 1, false);
            }
          }
          case REGISTERED, ABANDONED -> {
            if (d != null) {
              d = new Draft(d.spec(), d.revises(), d.tests(), d.red(), d.failedCode(), true);
            }
          }
          default -> {}
        }
      }
    }
    return d == null || d.closed() ? Optional.empty() : Optional.of(d);
  }

  /** A test outcome as a CAPABILITY event records it in {@code data.outcome}. */
  static TestOutcome outcome(String phase, JsonNode data) {
    JsonNode o = data.path("outcome");
    return new TestOutcome(
        phase,
        o.path("admits").asBoolean(false),
        o.path("reason").isTextual() ? o.path("reason").asText() : null,
        o.path("total").asInt(),
        o.path("failed").asInt(),
        o.path("exit_code").isInt() ? o.path("exit_code").asInt() : null,
        o.path("termination").asText("EXIT"),
        o.path("output").asText(""),
        o.path("duration_ms").asLong());
  }
}
