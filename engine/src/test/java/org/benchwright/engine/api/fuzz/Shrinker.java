package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Makes a failure small: first the failing request (parameters and body fields dropped, strings
 * shortened, values simplified, while the same property still breaks on the live service), then the
 * sequence before it (replayed on a fresh service: only the steps that made what it uses, and of
 * those only the ones it still needs).
 */
final class Shrinker {

  private static final int RECENT = 20;

  private final Oracle oracle;
  private final long deadline;

  Shrinker(Oracle oracle, Duration budget) {
    this.oracle = oracle;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  private boolean timeLeft() {
    return System.nanoTime() < deadline;
  }

  String reproducer(
      Target live,
      Supplier<Target> fresh,
      List<Fuzzer.Step> steps,
      int failing,
      Oracle.Failure failure,
      long seed) {
    FuzzRequest original = steps.get(failing).request();
    FuzzRequest small = shrinkRequest(live, original, failure.property());
    List<Integer> needed = dependencies(steps, small);
    List<FuzzRequest> sequence = null;
    String note;
    Optional<List<FuzzRequest>> replayed = replay(fresh, steps, needed, small, failure.property());
    if (replayed.isEmpty() && timeLeft()) {
      TreeSet<Integer> recent = new TreeSet<>(needed);
      for (int i = Math.max(0, failing - RECENT); i < failing; i++) {
        recent.add(i);
      }
      needed = List.copyOf(recent);
      replayed = replay(fresh, steps, needed, small, failure.property());
    }
    if (replayed.isPresent()) {
      // Drop earlier steps one at a time while the failure still shows.
      for (int i = needed.size() - 1; i >= 0 && timeLeft(); i--) {
        List<Integer> fewer = new ArrayList<>(needed);
        fewer.remove(i);
        Optional<List<FuzzRequest>> shorter =
            replay(fresh, steps, fewer, small, failure.property());
        if (shorter.isPresent()) {
          needed = fewer;
          replayed = shorter;
        }
      }
      sequence = replayed.get();
      note = "Reproduces on a fresh project with these " + sequence.size() + " request(s):";
    } else {
      sequence = new ArrayList<>();
      for (int i : needed) {
        sequence.add(steps.get(i).request());
      }
      sequence.add(small);
      note =
          "Did not reproduce on a fresh project within the shrink budget (it needs more of the"
              + " history): the failing request after its "
              + needed.size()
              + " step(s) of context, on the service that failed:";
    }
    StringBuilder b = new StringBuilder();
    b.append("Property broken: ").append(failure.property()).append('\n');
    b.append("Seen: ").append(failure.detail()).append('\n');
    b.append("Seed: ").append(seed).append(" (re-run with -Dfuzz.seed=").append(seed).append(")\n");
    b.append("Step ")
        .append(failing + 1)
        .append(" of the sequence: ")
        .append(original)
        .append('\n');
    b.append(note).append('\n');
    String base = live.base();
    for (FuzzRequest r : sequence) {
      b.append("  ").append(r.curl(base)).append('\n');
    }
    return b.toString();
  }

  /** Whether {@code r} still breaks {@code property} on the live service. */
  private boolean stillFails(Target t, FuzzRequest r, String property) {
    Oracle.Outcome out = oracle.exchange(t, r);
    return out.failure().map(f -> f.property().equals(property)).orElse(false);
  }

  private FuzzRequest shrinkRequest(Target t, FuzzRequest r, String property) {
    FuzzRequest best = r;
    boolean progress = true;
    while (progress && timeLeft()) {
      progress = false;
      for (FuzzRequest c : candidates(best)) {
        if (!timeLeft()) {
          break;
        }
        FuzzRequest labelled = relabel(c, r);
        if (stillFails(t, labelled, property)) {
          best = labelled;
          progress = true;
          break;
        }
      }
    }
    return best;
  }

  /** Whether a shrunk request is still the kind of request the original was. */
  private static FuzzRequest relabel(FuzzRequest c, FuzzRequest original) {
    boolean refused = !Oracle.refusals(c.mutated(null)).isEmpty();
    if (refused) {
      return c.mutated(original.valid() ? "GENERATED" : original.mutation());
    }
    return c.mutated(null);
  }

  private List<FuzzRequest> candidates(FuzzRequest r) {
    List<FuzzRequest> out = new ArrayList<>();
    for (String q : r.query().keySet()) {
      Map<String, String> fewer = new LinkedHashMap<>(r.query());
      fewer.remove(q);
      out.add(r.withQuery(fewer));
    }
    for (String h : r.headers().keySet()) {
      Map<String, String> fewer = new LinkedHashMap<>(r.headers());
      fewer.remove(h);
      out.add(r.withHeaders(fewer));
    }
    JsonNode body = r.body() == null ? null : Requests.read(r.body());
    if (body != null) {
      List<String> pointers = new ArrayList<>();
      pointers(body, "", pointers);
      for (String p : pointers) {
        for (JsonNode simpler : simpler(body, p)) {
          out.add(r.withBody(Requests.write(simpler)));
        }
      }
    } else if (r.body() != null && r.body().length() > 1) {
      out.add(r.withBody(r.body().substring(0, r.body().length() / 2)));
    }
    return out;
  }

  private static void pointers(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String p = at + "/" + Mutations.escape(e.getKey());
                out.add(p);
                pointers(e.getValue(), p, out);
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(at + "/" + i);
        pointers(node.get(i), at + "/" + i, out);
      }
    }
  }

  /** Smaller versions of the body with the value at {@code pointer} dropped or simplified. */
  private static List<JsonNode> simpler(JsonNode body, String pointer) {
    List<JsonNode> out = new ArrayList<>();
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = body.at(pointer.substring(0, cut));
    JsonNode value = body.at(pointer);
    String key = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
    if (parent.isObject()) {
      JsonNode copy = body.deepCopy();
      ((ObjectNode) copy.at(pointer.substring(0, cut))).remove(key);
      out.add(copy);
    } else if (parent.isArray()) {
      JsonNode copy = body.deepCopy();
      ((ArrayNode) copy.at(pointer.substring(0, cut))).remove(Integer.parseInt(key));
      out.add(copy);
    }
    if (value.isTextual() && value.asText().length() > 1) {
      String s = value.asText();
      out.add(
          Mutations.replace(body, pointer, Values.NODES.textNode(s.substring(0, s.length() / 2))));
      out.add(Mutations.replace(body, pointer, Values.NODES.textNode(s.substring(0, 1))));
    }
    if (value.isNumber() && value.asLong() != 0 && value.asLong() != 1) {
      out.add(Mutations.replace(body, pointer, Values.NODES.numberNode(1)));
    }
    if (value.isContainerNode() && !value.isEmpty()) {
      out.add(
          Mutations.replace(
              body,
              pointer,
              value.isObject() ? Values.NODES.objectNode() : Values.NODES.arrayNode()));
    }
    return out;
  }

  /** The steps that made what {@code r} uses (and what those used, and so on). */
  private static List<Integer> dependencies(List<Fuzzer.Step> steps, FuzzRequest r) {
    TreeSet<Integer> out = new TreeSet<>();
    List<FuzzRequest.Ref> todo = new ArrayList<>(r.refs().values());
    while (!todo.isEmpty()) {
      FuzzRequest.Ref ref = todo.removeLast();
      if (out.add(ref.step())) {
        todo.addAll(steps.get(ref.step()).request().refs().values());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Replays the steps {@code indices} then {@code last} on a fresh service, reading ids from its
   * own responses; the requests as sent when {@code last} broke the property again.
   */
  private Optional<List<FuzzRequest>> replay(
      Supplier<Target> fresh,
      List<Fuzzer.Step> steps,
      List<Integer> indices,
      FuzzRequest last,
      String property) {
    if (!timeLeft()) {
      return Optional.empty();
    }
    try (Target t = fresh.get()) {
      Map<Integer, JsonNode> answers = new HashMap<>();
      List<FuzzRequest> sent = new ArrayList<>();
      for (int i : indices) {
        FuzzRequest r = resolve(steps.get(i).request(), answers);
        Oracle.Outcome out = oracle.exchange(t, r);
        sent.add(r);
        String type = out.response().contentType();
        if (type != null && type.contains("json")) {
          answers.put(i, Requests.read(out.response().body()));
        }
        waitForRuns(t);
      }
      FuzzRequest r = resolve(last, answers);
      sent.add(r);
      Oracle.Outcome out = oracle.exchange(t, r);
      return out.failure().filter(f -> f.property().equals(property)).map(f -> sent);
    }
  }

  /** Lets a run started by a replayed step get as far as it got in the original sequence. */
  private static void waitForRuns(Target t) {
    t.digest().quiet(Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  private static FuzzRequest resolve(FuzzRequest r, Map<Integer, JsonNode> answers) {
    FuzzRequest out = r;
    for (var e : r.refs().entrySet()) {
      JsonNode answer = answers.get(e.getValue().step());
      if (answer != null && !answer.at(e.getValue().pointer()).isMissingNode()) {
        out = out.withPath(e.getKey(), answer.at(e.getValue().pointer()).asText());
      }
    }
    return out;
  }
}
