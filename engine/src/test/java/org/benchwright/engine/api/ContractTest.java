package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped document and the validator the server puts in front of every operation. */
class ContractTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private static List<String> get(String path, Map<String, List<String>> query) {
    return Contract.shipped().check("GET", path, query, Map.of(), null);
  }

  @Test
  void pathParametersAreCheckedAgainstTheirSchema() {
    assertThat(get("/runs/abc", Map.of())).isNotEmpty();
    assertThat(get("/runs/0", Map.of())).isNotEmpty();
    assertThat(get("/runs/7", Map.of())).isEmpty();
    assertThat(get("/runs/abc/events", Map.of())).isNotEmpty();
    assertThat(get("/runs/7/events", Map.of("limit", List.of("0")))).isNotEmpty();
  }

  @Test
  void aParameterBreakingItsPatternIsToldTheRuleInWords() {
    assertThat(get("/runs/7/files/content", Map.of("path", List.of("../../etc/passwd"))))
        .singleElement()
        .asString()
        .contains("query parameter 'path': it must be a path relative to the run")
        .contains("no `.` or `..` segment")
        .doesNotContain("(?!");
  }

  /**
   * The validator reads parameters only where an operation declares them: a parameter declared once
   * for a whole path item would be documented and never checked.
   */
  @Test
  void parametersAreDeclaredOnOperationsNotOnPathItems() {
    List<String> shared = new ArrayList<>();
    Contract.shipped()
        .document()
        .get("paths")
        .properties()
        .forEach(
            p -> {
              if (p.getValue().has("parameters")) {
                shared.add(p.getKey());
              }
            });
    assertThat(shared).isEmpty();
  }

  @Test
  void everyOperationOfTheDocumentIsServedAndNothingElse() {
    Set<String> documented = new TreeSet<>();
    for (var p : Contract.shipped().document().get("paths").properties()) {
      for (var op : p.getValue().properties()) {
        if (METHODS.contains(op.getKey())) {
          documented.add(
              op.getKey().toUpperCase()
                  + " "
                  + p.getKey()
                  + " "
                  + op.getValue().get("operationId"));
        }
      }
    }
    Set<String> served = new TreeSet<>();
    for (Routes.Route r : Operations.routes(null, null).all()) {
      served.add(r.method() + " " + r.template() + " \"" + r.operationId() + "\"");
    }
    assertThat(served).isEqualTo(documented);
  }

  /** Every error a client can get is problem+json, so every operation documents 400 and 401. */
  @Test
  void everyOperationDocumentsItsErrorsAsProblems() {
    List<String> missing = new ArrayList<>();
    for (var p : Contract.shipped().document().get("paths").properties()) {
      for (var op : p.getValue().properties()) {
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        JsonNode responses = op.getValue().get("responses");
        boolean open = op.getValue().path("security").isArray();
        for (String status : open ? List.<String>of() : List.of("400", "401")) {
          if (!responses.has(status)) {
            missing.add(op.getValue().get("operationId").asText() + " " + status);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
