package org.benchwright.engine.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.benchwright.engine.api.Contract;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's generators against the validator the service uses: valid is valid, broken is not.
 */
class FuzzGeneratorTest {

  private static final ApiDocument DOC = new ApiDocument(Contract.shipped().document());
  private static final Requests.Pool EMPTY = (name, random) -> Optional.empty();

  @Test
  void generatedRequestsForEveryOperationAreOnesTheDocumentAllows() {
    Requests requests = new Requests(new Values(DOC, new Random(1)));
    for (ApiDocument.Op op : DOC.operations()) {
      for (int i = 0; i < 150; i++) {
        FuzzRequest r = requests.valid(op, EMPTY, Map.of());
        assertThat(Oracle.refusals(r)).as("%s", r).isEmpty();
      }
    }
  }

  @Test
  void generatedBodiesPassTheValidatorForTheDocumentsSchemas() {
    Values values = new Values(DOC, new Random(2));
    for (String op : List.of("startRun", "forkRun")) {
      ApiDocument.Op o = DOC.operation(op);
      for (int i = 0; i < 300; i++) {
        String body = Requests.write(values.valid(o.bodySchema()));
        List<String> errors =
            Contract.shipped()
                .check(
                    o.method(),
                    o.path().replace("{runId}", "1"),
                    Map.of(),
                    Map.of("Content-Type", List.of("application/json")),
                    body);
        assertThat(errors).as(body).isEmpty();
      }
    }
  }

  @Test
  void everyBrokenRequestIsOneTheDocumentRefuses() {
    Requests requests = new Requests(new Values(DOC, new Random(3)));
    Set<String> kinds = new java.util.TreeSet<>();
    for (ApiDocument.Op op : DOC.operations()) {
      for (int i = 0; i < 60; i++) {
        Optional<FuzzRequest> r = requests.invalid(op, EMPTY, Map.of());
        if (r.isEmpty()) {
          continue;
        }
        kinds.add(r.get().mutation().replaceFirst(" .*", ""));
        assertThat(Oracle.refusals(r.get())).as("%s", r.get()).isNotEmpty();
      }
    }
    assertThat(kinds)
        .contains(
            "DROP_REQUIRED",
            "UNKNOWN_PROPERTY",
            "WRONG_TYPE",
            "OUT_OF_RANGE",
            "TOO_LONG",
            "TOO_SHORT",
            "BAD_ENUM",
            "BAD_PATTERN",
            "MALFORMED_JSON",
            "WRONG_CONTENT_TYPE",
            "MISSING_BODY",
            "MISSING_TOKEN",
            "WRONG_TOKEN");
  }

  /** Every mutator on a schema made to have its rule, checked by the service's validator. */
  @Test
  void eachMutatorBreaksItsRuleOnASchemaThatHasIt() throws Exception {
    String schema =
        """
        type: object
        additionalProperties: false
        required: [name, count, kind, when, id]
        properties:
          name: {type: string, minLength: 2, maxLength: 5, pattern: "^[a-z]+$"}
          count: {type: [integer, "null"], format: int32, minimum: 1, maximum: 9}
          kind: {type: string, enum: [a, b]}
          when: {type: string, format: date-time}
          id: {type: string, format: uuid}
          tags: {type: array, items: {type: string, maxLength: 3}}
          ok: {type: boolean}
        """;
    String spec =
        """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /x:
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/S"
              responses:
                "200": {description: ok}
        components:
          schemas:
            S:
        """
            + schema.indent(6);
    JsonNode root = new YAMLMapper().readTree(spec);
    ApiDocument doc = new ApiDocument(root);
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    Random random = new Random(4);
    Values values = new Values(doc, random);
    Mutations mutations = new Mutations(doc);
    JsonNode bodySchema = doc.operation("post /x").bodySchema();
    Set<Mutations.Kind> applied = EnumSet.noneOf(Mutations.Kind.class);
    for (int i = 0; i < 120; i++) {
      JsonNode valid = values.valid(bodySchema);
      assertThat(errors(validator, Requests.write(valid))).as("%s", valid).isEmpty();
      for (Mutations.Site site : mutations.sites(bodySchema, valid)) {
        for (Mutations.Kind kind : Mutations.Kind.values()) {
          Optional<JsonNode> broken =
              mutations.invalid(kind, site.schema(), site.value(), false, random);
          if (broken.isPresent()) {
            applied.add(kind);
            String body = Requests.write(Mutations.replace(valid, site.pointer(), broken.get()));
            assertThat(errors(validator, body))
                .as("%s at %s: %s", kind, site.pointer(), body)
                .isNotEmpty();
          }
        }
      }
    }
    assertThat(applied).containsExactlyInAnyOrder(Mutations.Kind.values());
  }

  @Test
  void patternStringsMatchTheirPattern() {
    Random random = new Random(5);
    for (String re :
        List.of(
            "^[a-z][a-z0-9-]*$",
            "^[0-9]{1,18}$",
            "^(abc|d\\.e)+[^x]?$",
            "\\d{3}-\\w+",
            "^[A-Za-z0-9._/-]{1,64}$",
            "^sha256:[0-9a-f]{64}$")) {
      Pattern p = Pattern.compile(re);
      for (int i = 0; i < 200; i++) {
        String s = Patterns.generate(re, random);
        assertThat(p.matcher(s).find()).as("%s from %s", s, re).isTrue();
      }
    }
  }

  @Test
  void theSameSeedDrawsTheSameRequests() {
    ApiDocument.Op op = DOC.operation("startRun");
    List<String> a = draw(op, 7);
    assertThat(draw(op, 7)).isEqualTo(a);
    assertThat(draw(op, 8)).isNotEqualTo(a);
  }

  private static List<String> draw(ApiDocument.Op op, long seed) {
    Requests requests = new Requests(new Values(DOC, new Random(seed)));
    return java.util.stream.IntStream.range(0, 20)
        .mapToObj(i -> requests.valid(op, EMPTY, Map.of()).toString())
        .toList();
  }

  @Test
  void aCurlReproducerCarriesMethodUrlTypeBodyAndATokenVariable() {
    ApiDocument.Op op = DOC.operation("startRun");
    FuzzRequest r =
        new FuzzRequest(
            op,
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            "{\"task\":\"it's\"}",
            "application/json",
            FuzzRequest.Auth.TOKEN,
            "DROP_REQUIRED at body /");
    assertThat(r.curl("http://127.0.0.1:1"))
        .isEqualTo(
            "curl -i -X POST -H 'Authorization: Bearer $TOKEN' -H 'Content-Type:"
                + " application/json' --data-binary '{\"task\":\"it'\\''s\"}'"
                + " 'http://127.0.0.1:1/runs'");
  }

  private static List<String> errors(OpenApiInteractionValidator v, String body) {
    ValidationReport report =
        v.validateRequest(
            SimpleRequest.Builder.post("/x")
                .withContentType("application/json")
                .withBody(body)
                .build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(ValidationReport.Message::getMessage)
        .toList();
  }
}
