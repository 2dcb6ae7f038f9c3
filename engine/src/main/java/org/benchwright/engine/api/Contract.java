package org.benchwright.engine.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document (the contract, kept in this package's resources) and the validator that
 * checks every request against it before an operation runs (ADR 0042).
 */
public final class Contract {

  /** Where the document lives on the classpath; tests and the fuzzer read the same text. */
  public static final String RESOURCE = "/org/benchwright/engine/api/openapi.yaml";

  private static volatile Contract loaded;

  private final String yaml;
  private final JsonNode document;
  private final String json;
  private final OpenApiInteractionValidator validator;

  private Contract(String yaml) {
    this.yaml = yaml;
    try {
      this.document = new YAMLMapper().readTree(yaml);
      this.json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException("The OpenAPI document does not parse", e);
    }
    // Authentication is checked by the server itself (it must also tell a token of another
    // project from a wrong one); the validator checks the shape of everything else.
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(yaml)
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    .build())
            .build();
  }

  /** The contract shipped with this build (parsed once). */
  public static Contract shipped() {
    Contract c = loaded;
    if (c == null) {
      synchronized (Contract.class) {
        c = loaded;
        if (c == null) {
          c = new Contract(text());
          loaded = c;
        }
      }
    }
    return c;
  }

  /** The document's text as kept in the repository (YAML). */
  public static String text() {
    try (InputStream in = Contract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String yaml() {
    return yaml;
  }

  /** The document as JSON (what {@code GET /openapi.json} answers). */
  public String json() {
    return json;
  }

  /** The document as a tree (the fuzzer generates its requests from it). */
  public JsonNode document() {
    return document;
  }

  /**
   * The document's error messages for a response to {@code method path}; empty when it conforms
   * (its status is documented for the operation, its content type is one the document lists, and
   * its body matches that schema). Tests and the fuzzer check every response with this.
   */
  public List<String> checkResponse(
      String method, String path, int status, String contentType, String body) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
    if (contentType != null) {
      b.withContentType(contentType);
    }
    if (body != null && !body.isEmpty()) {
      b.withBody(body);
    }
    ValidationReport report =
        validator.validateResponse(path, Request.Method.valueOf(method), b.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> m.getKey() + ": " + m.getMessage())
        .toList();
  }

  /** Whether the operation at {@code method template} has a request body in the document. */
  boolean takesBody(String method, String template) {
    return document
        .path("paths")
        .path(template)
        .path(method.toLowerCase(java.util.Locale.ROOT))
        .has("requestBody");
  }

  /**
   * The document's error messages for a request; empty when it conforms. The server refuses a
   * request with these errors; the fuzzer's tests check their generated requests with it too.
   */
  public List<String> check(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      String body) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
    query.forEach(b::withQueryParam);
    headers.forEach(b::withHeader);
    if (body != null && !body.isEmpty()) {
      b.withBody(body);
    }
    ValidationReport report = validator.validateRequest(b.build());
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(m -> m.getKey() + ": " + parameterOf(m) + inWords(m))
        .toList();
  }

  /**
   * The validator's message, or for a parameter that breaks its pattern the rule the document
   * states in words ({@code x-rule}): a regular expression (the file path's has five lookaheads)
   * tells a client little.
   */
  private static String inWords(ValidationReport.Message m) {
    if (m.getKey().endsWith("schema.pattern")) {
      var rule =
          m.getContext()
              .flatMap(ValidationReport.MessageContext::getParameter)
              .map(io.swagger.v3.oas.models.parameters.Parameter::getExtensions)
              .map(x -> x.get("x-rule"))
              .map(Object::toString);
      if (rule.isPresent()) {
        return "it must be " + rule.get() + ".";
      }
    }
    return m.getMessage();
  }

  /**
   * What a message is about ("query parameter 'limit': ", "body /outcome: "): the validator's own
   * text says what is wrong with a value but not which one.
   */
  private static String parameterOf(ValidationReport.Message m) {
    var context = m.getContext();
    var parameter = context.flatMap(ValidationReport.MessageContext::getParameter);
    if (parameter.isPresent()) {
      return parameter.get().getIn() + " parameter '" + parameter.get().getName() + "': ";
    }
    return context
        .flatMap(ValidationReport.MessageContext::getPointers)
        .map(ValidationReport.MessageContext.Pointers::getInstance)
        .filter(pointer -> !pointer.isEmpty() && !pointer.equals("/"))
        .map(pointer -> "body " + pointer + ": ")
        .orElse("");
  }
}
