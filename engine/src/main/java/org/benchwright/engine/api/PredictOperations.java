package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.automl.TrainedModel;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.sandbox.Sandboxes;

/**
 * Predictions with a model an automl run trained, as the CLI's {@code predict} makes them: in the
 * ml sandbox, through {@link TrainedModel}. The rows are checked against the features the model was
 * trained on before anything runs, so a wrong row costs no sandbox.
 */
final class PredictOperations {

  /** Rows are few (the body is bounded), so a prediction that takes longer than this is stuck. */
  static final Duration LIMIT = Duration.ofMinutes(5);

  private static final int PROBLEMS_SHOWN = 50;

  private PredictOperations() {}

  static void register(Routes r, Service s) {
    ReaderSandboxes reader = new ReaderSandboxes(s);
    r.postReading("/predict", "predict", call -> predict(s, reader, call));
  }

  /** One feature the model takes, with its kind as the harness recorded it. */
  record Feature(String name, String type) {}

  private static Reply predict(Service s, ReaderSandboxes reader, Call call) {
    JsonNode b = call.body();
    long runId = b.path("run").asLong();
    RunInfo run =
        s.project()
            .runs()
            .find(runId)
            .orElseThrow(() -> ApiProblem.notFound("No run " + runId + " in this project."));
    String name = b.path("model").asText("best");
    TrainedModel model = TrainedModel.of(s.project(), run.id(), name);
    List<Feature> features = features(model);
    List<String> problems = problems(features, b.path("rows"));
    if (!problems.isEmpty()) {
      throw new ApiProblem(
          422,
          "Refused",
          problems.getFirst()
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
              + ". The model "
              + model.row().name()
              + " takes: "
              + String.join(
                  ", ", features.stream().map(f -> f.name() + " (" + f.type() + ")").toList())
              + ".",
          problems.stream().limit(PROBLEMS_SHOWN).toList());
    }
    String task = RunDataset.of(s.project(), run.id()).map(RunDataset.Recorded::task).orElse("");
    List<String> predicted = run(s, reader, model, features, b.path("rows"));
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.put("run", run.id());
    body.put("model", model.row().name());
    body.put("task", task);
    var out = body.putArray("predictions");
    for (String p : predicted) {
      if (task.equals("regression")) {
        out.add(Double.parseDouble(p));
      } else {
        out.add(p);
      }
    }
    return Reply.ok(body);
  }

  /** The model's input columns, as its AUTOML event recorded them when it was trained. */
  static List<Feature> features(TrainedModel model) {
    JsonNode recorded = model.row().data().path("features");
    if (!recorded.isArray() || recorded.isEmpty()) {
      throw ApiProblem.unprocessable(
          "The model "
              + model.row().name()
              + " records no feature schema, so its input cannot be checked; train it again.");
    }
    List<Feature> out = new ArrayList<>();
    recorded.forEach(f -> out.add(new Feature(f.path("name").asText(), f.path("type").asText())));
    return out;
  }

  /** Every way the rows do not fit the features, each naming its row (from 0) and feature. */
  static List<String> problems(List<Feature> features, JsonNode rows) {
    Set<String> names = new LinkedHashSet<>();
    features.forEach(f -> names.add(f.name()));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      for (var field : row.properties()) {
        if (!names.contains(field.getKey())) {
          problems.add("rows[" + i + "]: '" + field.getKey() + "' is not a feature of the model");
        }
      }
      for (Feature f : features) {
        JsonNode v = row.get(f.name());
        if (v == null) {
          problems.add(
              "rows[" + i + "]: feature '" + f.name() + "' is missing (give null for unknown)");
        } else if (!v.isNull() && !fits(f.type(), v)) {
          problems.add(
              "rows["
                  + i
                  + "]: feature '"
                  + f.name()
                  + "' is "
                  + f.type()
                  + ", so "
                  + v
                  + " does not fit (give "
                  + expected(f.type())
                  + ")");
        }
      }
    }
    return problems;
  }

  private static boolean fits(String type, JsonNode v) {
    return switch (type) {
      case "numeric" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "datetime" -> v.isTextual() && isDateTime(v.asText());
      default -> v.isTextual(); // categorical, text
    };
  }

  private static String expected(String type) {
    return switch (type) {
      case "numeric" -> "a number";
      case "boolean" -> "true or false";
      case "datetime" -> "an ISO-8601 date or date-time string";
      default -> "a string";
    };
  }

  private static boolean isDateTime(String s) {
    for (var parse :
        List.<java.util.function.Consumer<String>>of(
            OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)) {
      try {
        parse.accept(s);
        return true;
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  private static List<String> run(
      Service s,
      ReaderSandboxes reader,
      TrainedModel model,
      List<Feature> features,
      JsonNode rows) {
    // A writer predicts in its runs' sandboxes: sandboxes of its own would remove their containers.
    MlSandbox sandbox = s.project().isReadOnly() ? reader.sandbox() : s.runs().mlSandbox();
    Path folder;
    try {
      folder = Files.createTempDirectory("benchwright-predict-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The harness names the input in its messages: "rows.csv" is what the client sent.
    Path input = folder.resolve("rows.csv");
    try {
      Files.writeString(input, csv(features, rows), StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      model.predict(input, sandbox, LIMIT, out);
      return column(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(input);
        Files.deleteIfExists(folder);
      } catch (IOException e) {
        // a temporary file; the system's cleaner takes it
      }
    }
  }

  /** The rows as the CSV the harness reads: a header of the features, null as an empty cell. */
  static String csv(List<Feature> features, JsonNode rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", features.stream().map(f -> quote(f.name())).toList()))
        .append("\r\n");
    for (JsonNode row : rows) {
      List<String> cells = new ArrayList<>();
      for (Feature f : features) {
        JsonNode v = row.get(f.name());
        cells.add(v == null || v.isNull() ? "" : v.isTextual() ? quote(v.asText()) : v.asText());
      }
      sb.append(String.join(",", cells)).append("\r\n");
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** The {@code prediction} column of the harness's CSV. */
  static List<String> column(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String cell = line.contains(",") && !line.startsWith("\"") ? line.split(",", 2)[0] : line;
      if (cell.startsWith("\"") && cell.endsWith("\"") && cell.length() >= 2) {
        cell = cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
      }
      out.add(cell);
    }
    return out;
  }

  /**
   * Sandboxes for a service that only reads the project, started on the first prediction. Owned
   * apart from the project's writer (whose containers a start would otherwise remove as orphans).
   */
  static final class ReaderSandboxes implements AutoCloseable {
    private final Service service;
    private Sandboxes sandboxes; // guarded by this

    ReaderSandboxes(Service service) {
      this.service = service;
    }

    synchronized MlSandbox sandbox() {
      if (sandboxes == null) {
        Sandboxes.Settings project =
            Sandboxes.Settings.forProject(service.project(), "automl").withWarmPool(0);
        sandboxes =
            Sandboxes.start(
                new Sandboxes.Settings(
                    project.owner() + "-reader", project.defaults(), project.maxConcurrent(), 0));
        service.own(this);
      }
      return MlSandbox.of(sandboxes);
    }

    @Override
    public synchronized void close() {
      if (sandboxes != null) {
        sandboxes.close();
        sandboxes = null;
      }
    }

    @Override
    public String toString() {
      return "the reader's sandboxes";
    }
  }
}
