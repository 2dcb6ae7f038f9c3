package org.benchwright.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.fork.Comparison;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.preflight.RunPreflight;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.workflow.Workflows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code benchwright fork} and {@code benchwright compare}: branching runs (ADR 0040). */
final class ForkCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ForkCommands() {}

  @Command(
      name = "fork",
      mixinStandardHelpOptions = true,
      description = {
        "Fork a run at an event: a new run that goes on from exactly that step (its conversation,"
            + " plan, files and counters), with what you change there. The original is kept.",
        "A step inside an open model call or a running tool forks at the last step before it."
      })
  static final class Fork implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--run", required = true, description = "the run to fork")
    long run;

    @Option(
        names = "--at",
        required = true,
        paramLabel = "SEQ",
        description = "the event to fork at")
    long at;

    @Option(
        names = "--show-reply",
        description =
            "print the reply the run recorded for the first model call after SEQ, as JSON to edit"
                + " and pass back with --reply; forks nothing")
    boolean showReply;

    @Option(
        names = "--reply",
        paramLabel = "FILE",
        description =
            "answer the first model call after the point with this reply (JSON: text, reasoning,"
                + " tool_calls[{id, name, arguments}]); at a recorded reply, it replaces that one")
    Path reply;

    @Option(
        names = "--tool-result",
        paramLabel = "FILE",
        description = "the result of the tool call waiting at the point, instead of running it")
    Path toolResult;

    @Option(
        names = "--plan",
        paramLabel = "FILE",
        description = "a new plan revision: its text, with lines '- [todo] item' as TODO items")
    Path plan;

    @Option(names = "--task", description = "the task text the fork goes on with")
    String task;

    @Option(names = "--model", paramLabel = "PROVIDER:MODEL", description = "the fork's model")
    String model;

    @Option(names = "--base-url", description = "for --model openai-compatible and ollama")
    String baseUrl;

    @Option(
        names = "--node-model",
        paramLabel = "NODE=PROVIDER:MODEL",
        description = "a model for one node of the fork (repeatable)")
    Map<String, String> nodeModels = new LinkedHashMap<>();

    @Option(
        names = "--set",
        paramLabel = "KEY=VALUE",
        description =
            "a setting for the fork's loop, e.g. tool.approval.run_command=ask (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
        names = "--reuse-decisions",
        description =
            "decide the gates the original decided after the point the same way (otherwise each"
                + " opens again)")
    boolean reuseDecisions;

    @Option(names = "--by", description = "who is forking (default: your user name)")
    String by;

    @Option(names = "--why", description = "why, in your words; kept with the fork")
    String why;

    @Option(
        names = "--continue",
        paramLabel = "HOW",
        defaultValue = "none",
        description =
            "none (leave it paused; `run --resume` goes on), live (with its model), or replay"
                + " (the original's recorded answers; stops at the first divergence); default"
                + " ${DEFAULT-VALUE}")
    String continueAs;

    @Option(names = "--script", description = "for a scripted fork: the turns file")
    Path script;

    @Option(names = "--approve-plans", description = "with --continue: approve every plan gate")
    boolean approvePlans;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (!List.of("none", "live", "replay").contains(continueAs)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--continue is none, live or replay, not '" + continueAs + "'.");
      }
      try (Project p = Project.open(project)) {
        Forks forks = new Forks(p);
        if (showReply) {
          out.println(
              JSON.writerWithDefaultPrettyPrinter()
                  .writeValueAsString(
                      forks
                          .recordedReply(run, at)
                          .orElseThrow(
                              () ->
                                  new IllegalArgumentException(
                                      "Run "
                                          + run
                                          + " made no model call after event "
                                          + at
                                          + "."))));
          return 0;
        }
        ForkChange change = ForkChange.none(by, why).reusingDecisions(reuseDecisions);
        if (reply != null) {
          change = change.withReply(readJson(reply));
        }
        if (toolResult != null) {
          change = change.withToolResult(read(toolResult));
        }
        if (plan != null) {
          change = change.withPlan(read(plan));
        }
        if (task != null) {
          change = change.withTask(task);
        }
        if (model != null) {
          change = change.withModel(RunCommands.modelConfig(model, baseUrl));
        }
        if (!nodeModels.isEmpty()) {
          Map<String, ModelConfig> models = new LinkedHashMap<>();
          nodeModels.forEach((node, m) -> models.put(node, RunCommands.modelConfig(m, null)));
          change = change.withNodeModels(models);
        }
        if (!settings.isEmpty()) {
          change = change.withSettings(settings);
        }
        if (continueAs.equals("live")) {
          // Refused before the fork is recorded: a fork that cannot go on is not left behind.
          RunInfo parent =
              p.runs()
                  .find(run)
                  .orElseThrow(() -> new IllegalArgumentException("No run " + run + "."));
          new RunPreflight(ApiKeys.fromEnvironmentAndUserFile())
              .require(
                  change.model() != null
                      ? change.model()
                      : ModelConfig.fromJson(parent.modelConfigJson()),
                  Workflows.image(p, parent.workflow()));
        }
        Forks.Made made = forks.fork(run, at, change);
        RunInfo fork = made.fork();
        out.printf("fork %d of run %d at event %d%n", fork.id(), run, made.point().seq());
        if (made.point().note() != null) {
          out.println(made.point().note());
        }
        out.flush();
        if (continueAs.equals("none")) {
          out.printf(
              "paused at its fork point; go on with: benchwright run --project %s --workflow %s"
                  + " --task ... --resume %d%n",
              project, fork.workflow(), fork.id());
          return 0;
        }
        ModelGateway gateway =
            new ModelGateway(ApiKeys.fromEnvironmentAndUserFile(), Workflows.prices(p));
        if (script != null) {
          ScriptedChatModel scripted =
              ScriptedChatModel.fromFile(script).after(AgentRuntime.scriptTurnsUsed(p, fork.id()));
          gateway.register("scripted", cfg -> scripted);
        }
        long shared = p.events().lastSeq(fork.id()) - 1;
        return RunCommands.execute(
            p,
            gateway,
            fork.workflow(),
            runtime ->
                continueAs.equals("replay")
                    ? runtime.replayFork(fork.id())
                    : runtime.resume(fork.id()),
            out,
            approvePlans,
            shared);
      }
    }

    private static String read(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("No file " + file + ".");
      }
      return Files.readString(file);
    }

    private static JsonNode readJson(Path file) throws IOException {
      try {
        return JSON.readTree(read(file));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            "The reply in " + file + " is not JSON: " + e.getOriginalMessage() + ".", e);
      }
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Replay a recorded run. --cached (the default) prints its recorded events from a step on,"
            + " as `run` printed them, calling no model and running nothing.",
        "--live forks it at that step and re-executes it with its recorded model answers, tools"
            + " running for real, until the end or the first request that differs from the"
            + " recording (the divergence is named)."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--run", required = true, description = "the run to replay")
    long run;

    @Option(
        names = "--from",
        paramLabel = "SEQ",
        description = "the step to start from (default: the start; --live: its first node)")
    Long from;

    @Option(names = "--live", description = "re-execute as a fork instead of re-rendering")
    boolean live;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (!live) {
        try (Project p = Project.openReadOnly(project)) {
          if (p.runs().find(run).isEmpty()) {
            throw new IllegalArgumentException("No run " + run + " in this project.");
          }
          try (var events = p.events().stream(run, from == null ? 1 : from)) {
            events.forEach(e -> out.println(RunCommands.describe(e)));
          }
        }
        return 0;
      }
      try (Project p = Project.open(project)) {
        Forks forks = new Forks(p);
        long at =
            from != null
                ? from
                : p.events().stream(
                        run,
                        java.util.Set.of(org.benchwright.engine.project.EventType.NODE_TRANSITION))
                    .findFirst()
                    .map(e -> e.seq() + 1)
                    .orElseThrow(
                        () -> new IllegalArgumentException("Run " + run + " never began a node."));
        Forks.Made made = forks.fork(run, at, ForkChange.none(null, "live replay"));
        out.printf(
            "fork %d of run %d at event %d, replaying%n",
            made.fork().id(), run, made.point().seq());
        ModelGateway gateway =
            new ModelGateway(ApiKeys.fromEnvironmentAndUserFile(), Workflows.prices(p));
        return RunCommands.execute(
            p,
            gateway,
            made.fork().workflow(),
            runtime -> runtime.replayFork(made.fork().id()),
            out,
            false,
            made.point().seq());
      }
    }
  }

  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Two runs side by side: where they part, each step after it, how each ended, what each"
              + " spent, and how their files differ.")
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(
        names = "--run",
        required = true,
        arity = "1",
        description = "a run to compare; give it twice")
    List<Long> runs;

    @Option(
        names = "--steps",
        defaultValue = "40",
        description = "steps after the fork point to show; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--diff", description = "print the unified diff of each changed text file")
    boolean diff;

    @Override
    public Integer call() {
      if (runs.size() != 2) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "Give --run twice: the two runs to compare.");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        Comparison c = Comparison.of(p, runs.get(0), runs.get(1));
        out.print(c.summary());
        out.println();
        out.printf(Locale.ROOT, "%-70s | %s%n", "run " + runs.get(0), "run " + runs.get(1));
        c.steps().stream()
            .limit(steps)
            .forEach(
                s ->
                    out.printf(
                        Locale.ROOT,
                        "%-70s | %s%n",
                        clip(s.a() == null ? "" : RunCommands.describe(s.a())),
                        clip(s.b() == null ? "" : RunCommands.describe(s.b()))));
        if (c.steps().size() > steps) {
          out.printf("... %d more steps (--steps)%n", c.steps().size() - steps);
        }
        out.println();
        List<Comparison.FileDiff> files = c.filesAtEnd(p);
        out.println(files.isEmpty() ? "Files at the end: the same." : "Files at the end:");
        for (Comparison.FileDiff f : files) {
          out.printf("  %-8s %s%n", f.change(), f.path());
          if (diff && f.unifiedDiff() != null) {
            f.unifiedDiff().lines().forEach(l -> out.println("    " + l));
          }
        }
      }
      return 0;
    }

    private static String clip(String s) {
      return s.length() <= 70 ? s : s.substring(0, 69) + "…";
    }
  }
}
