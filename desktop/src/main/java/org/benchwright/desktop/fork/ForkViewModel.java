package org.benchwright.desktop.fork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;

/**
 * "Fork from here…": what to change at a step of a run, and how the fork goes on (ADR 0040). {@link
 * #load()} reads, off the FX thread, where the fork would begin (and why it moves back, if it
 * does), the recorded next reply as editable JSON, the tool call waiting for its result and the
 * plan at the point; {@link #create()} checks what was typed, makes the fork with {@link Forks} off
 * the FX thread, starts it if asked and hands it to {@code onCreated}. A change the engine refuses
 * (bad reply, no tool call to answer) is shown in {@link #errorProperty()} and nothing is made.
 */
public final class ForkViewModel {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Project project;
  private final RunInfo run;
  private final long seq;
  private final UiExecutor executor;
  private final ForkContinuation continuation;
  private final Consumer<RunInfo> onCreated;
  private final String by;

  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper pointNote = new ReadOnlyStringWrapper("");
  private final BooleanProperty changeReply = new SimpleBooleanProperty();
  private final StringProperty reply = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper replyAvailable = new ReadOnlyBooleanWrapper();
  private final BooleanProperty changeToolResult = new SimpleBooleanProperty();
  private final StringProperty toolResult = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper toolResultAvailable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper pendingTool = new ReadOnlyStringWrapper("");
  private final BooleanProperty changePlan = new SimpleBooleanProperty();
  private final StringProperty plan = new SimpleStringProperty("");
  private final BooleanProperty changeTask = new SimpleBooleanProperty();
  private final StringProperty task = new SimpleStringProperty("");
  private final BooleanProperty changeModel = new SimpleBooleanProperty();
  private final StringProperty model = new SimpleStringProperty("");
  private final BooleanProperty reuseDecisions = new SimpleBooleanProperty(false);
  private final StringProperty why = new SimpleStringProperty("");
  private final ObjectProperty<ForkContinuation.Mode> mode =
      new SimpleObjectProperty<>(ForkContinuation.Mode.PAUSED);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<RunInfo> created = new ReadOnlyObjectWrapper<>();

  /**
   * @param onCreated called on the FX thread with the new fork (the main window selects it)
   * @param by who forks (the user's name)
   */
  public ForkViewModel(
      Project project,
      RunInfo run,
      long seq,
      UiExecutor executor,
      ForkContinuation continuation,
      Consumer<RunInfo> onCreated,
      String by) {
    this.project = Objects.requireNonNull(project);
    this.run = Objects.requireNonNull(run);
    this.seq = seq;
    this.executor = Objects.requireNonNull(executor);
    this.continuation = Objects.requireNonNull(continuation);
    this.onCreated = Objects.requireNonNull(onCreated);
    this.by = by;
    heading.set("Fork run " + run.id() + " at event " + seq);
    task.set(run.task() == null ? "" : run.task());
    model.set(providerModel(run.modelConfigJson()));
  }

  /** What the form shows on opening, read from the project. */
  record Loaded(Forks.Point point, String reply, String pendingTool, String plan, String problem) {}

  /** Reads the point, the recorded reply, the waiting tool call and the plan off the FX thread. */
  public void load() {
    busy.set(true);
    executor.execute(
        this::read,
        l -> {
          busy.set(false);
          if (l.problem() != null) {
            error.set(l.problem());
            return;
          }
          loaded.set(true);
          pointNote.set(l.point().note() == null ? "" : l.point().note());
          replyAvailable.set(l.reply() != null);
          reply.set(l.reply() == null ? "" : l.reply());
          toolResultAvailable.set(l.pendingTool() != null);
          pendingTool.set(l.pendingTool() == null ? "" : l.pendingTool());
          plan.set(l.plan());
        },
        e -> {
          busy.set(false);
          error.set(message(e));
        });
  }

  private Loaded read() {
    Forks forks = new Forks(project);
    Forks.Point point;
    try {
      point = forks.point(run.id(), seq);
    } catch (IllegalArgumentException e) {
      return new Loaded(null, null, null, "", e.getMessage());
    }
    // A fork that replaces the reply (or result) recorded at this very step forks before its
    // call (Forks.fork): offer that recorded one to edit, not the next.
    EventType at = typeAt(seq).orElse(null);
    long replyAfter = at == EventType.MODEL_RESPONSE ? seq - 1 : point.seq();
    long toolAt = at == EventType.TOOL_RESULT ? seq - 1 : point.seq();
    String reply =
        forks.recordedReply(run.id(), replyAfter).map(ForkViewModel::pretty).orElse(null);
    String tool =
        forks
            .pendingToolCall(run.id(), toolAt)
            .map(c -> c.name() + (c.id() == null ? "" : " (call " + c.id() + ")"))
            .orElse(null);
    String plan = project.plans().at(run.id(), point.seq()).map(Forks::planAsText).orElse("");
    return new Loaded(point, reply, tool, plan, null);
  }

  private Optional<EventType> typeAt(long s) {
    return project.events().events(run.id(), s, 1).stream()
        .filter(e -> e.seq() == s)
        .findFirst()
        .map(RecordedEvent::type);
  }

  /**
   * The change as typed, checked before anything is recorded.
   *
   * @throws IllegalArgumentException naming what is wrong (a reply that is not JSON, a model not
   *     written provider:model, an empty field that was ticked)
   */
  ForkChange change() {
    ForkChange change = ForkChange.none(by, why.get() == null ? null : why.get().strip());
    if (changeReply.get()) {
      change = change.withReply(parseReply(reply.get()));
    }
    if (changeToolResult.get()) {
      change = change.withToolResult(toolResult.get() == null ? "" : toolResult.get());
    }
    if (changePlan.get()) {
      change = change.withPlan(plan.get() == null ? "" : plan.get());
    }
    if (changeTask.get()) {
      if (task.get() == null || task.get().isBlank()) {
        throw new IllegalArgumentException("The task is empty.");
      }
      change = change.withTask(task.get().strip());
    }
    if (changeModel.get()) {
      change = change.withModel(parseModel(model.get()));
    }
    return change.reusingDecisions(reuseDecisions.get());
  }

  static JsonNode parseReply(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("The reply is empty; write a turn as JSON.");
    }
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(
            "The reply must be a JSON object with text, reasoning or tool_calls.");
      }
      return n;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new IllegalArgumentException(
          "The reply is not valid JSON: " + e.getOriginalMessage() + where + ".");
    }
  }

  /** "provider:model", e.g. "openai:gpt-4o". */
  static ModelConfig parseModel(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.indexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException(
          "Write the model as provider:model, e.g. openai:gpt-4o (not \"" + t + "\").");
    }
    return ModelConfig.of(t.substring(0, colon).strip(), t.substring(colon + 1).strip());
  }

  static String providerModel(String configJson) {
    try {
      JsonNode n = JSON.readTree(configJson == null ? "{}" : configJson);
      String p = n.path("provider").asText("");
      String m = n.path("model").asText("");
      return p.isEmpty() ? m : p + ":" + m;
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  /** Makes the fork (and starts it when asked); errors go to {@link #errorProperty()}. */
  public void create() {
    if (busy.get()) {
      return;
    }
    ForkChange change;
    try {
      change = change();
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return; // refused here: nothing was sent to the engine
    }
    error.set("");
    busy.set(true);
    ForkContinuation.Mode how = mode.get() == null ? ForkContinuation.Mode.PAUSED : mode.get();
    executor.execute(
        () -> {
          Forks.Made made = new Forks(project).fork(run.id(), seq, change);
          String problem = null;
          if (how != ForkContinuation.Mode.PAUSED) {
            try {
              continuation.start(made.fork().id(), how);
            } catch (RuntimeException e) {
              problem = message(e);
            }
          }
          RunInfo fork = project.runs().find(made.fork().id()).orElse(made.fork());
          return new Result(fork, problem);
        },
        r -> {
          busy.set(false);
          if (r.problem() != null) {
            // The fork exists either way; say why it did not go on, and show it.
            error.set("Fork " + r.fork().id() + " was made but could not continue: " + r.problem());
          }
          created.set(r.fork());
          onCreated.accept(r.fork());
        },
        e -> {
          busy.set(false);
          error.set(message(e));
        });
  }

  private record Result(RunInfo fork, String problem) {}

  private static String message(Throwable e) {
    Throwable t = e;
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static String pretty(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return n.toString();
    }
  }

  public RunInfo run() {
    return run;
  }

  public long seq() {
    return seq;
  }

  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  /** Why the fork begins before the step asked for; empty when it begins there. */
  public ReadOnlyStringProperty pointNoteProperty() {
    return pointNote.getReadOnlyProperty();
  }

  public BooleanProperty changeReplyProperty() {
    return changeReply;
  }

  /** The next model reply as a script turn in JSON, prefilled with the recorded one. */
  public StringProperty replyProperty() {
    return reply;
  }

  /** Whether a model call follows the point (a reply to replace). */
  public ReadOnlyBooleanProperty replyAvailableProperty() {
    return replyAvailable.getReadOnlyProperty();
  }

  public BooleanProperty changeToolResultProperty() {
    return changeToolResult;
  }

  public StringProperty toolResultProperty() {
    return toolResult;
  }

  /** Whether a tool call waits for its result at the point. */
  public ReadOnlyBooleanProperty toolResultAvailableProperty() {
    return toolResultAvailable.getReadOnlyProperty();
  }

  /** "write_file (call c1)": the tool call a written result answers. */
  public ReadOnlyStringProperty pendingToolProperty() {
    return pendingTool.getReadOnlyProperty();
  }

  public BooleanProperty changePlanProperty() {
    return changePlan;
  }

  public StringProperty planProperty() {
    return plan;
  }

  public BooleanProperty changeTaskProperty() {
    return changeTask;
  }

  public StringProperty taskProperty() {
    return task;
  }

  public BooleanProperty changeModelProperty() {
    return changeModel;
  }

  /** provider:model. */
  public StringProperty modelProperty() {
    return model;
  }

  public BooleanProperty reuseDecisionsProperty() {
    return reuseDecisions;
  }

  public StringProperty whyProperty() {
    return why;
  }

  public ObjectProperty<ForkContinuation.Mode> modeProperty() {
    return mode;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** True while reading or forking. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** True once the point was read and the form can be filled in. */
  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** The fork made, once it is. */
  public ReadOnlyObjectProperty<RunInfo> createdProperty() {
    return created.getReadOnlyProperty();
  }
}
