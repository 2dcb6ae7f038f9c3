package org.benchwright.engine.mjcf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Body poses recorded by {@code mjcf-check --poses-every K} for playback: the bodies (all but the
 * world, in MuJoCo's order, unnamed ones as {@code body#ID}) and frames at t = 0 and every K steps,
 * each with every body's world position and orientation. The report's {@code poses} object is
 * documented in sandbox-images/README.md.
 *
 * @param every steps between frames
 * @param truncated whether mjcf-check stopped recording at its buffer limit
 */
public record PoseTrack(long every, boolean truncated, List<String> bodies, List<Frame> frames) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public PoseTrack {
    bodies = List.copyOf(bodies);
    frames = List.copyOf(frames);
  }

  /**
   * One recorded instant: simulated time and a pose per body, in {@link #bodies()} order. A pose
   * MuJoCo reported as NaN (a diverged simulation) is null.
   */
  public record Frame(double t, List<Pose> poses) {
    public Frame {
      poses = java.util.Collections.unmodifiableList(new ArrayList<>(poses));
    }
  }

  /** Whether this JSON text looks like an mjcf-check report with poses (cheap, no parsing). */
  public static boolean mayHold(byte[] json) {
    String head =
        new String(
            json, 0, Math.min(json.length, 1 << 16), java.nio.charset.StandardCharsets.UTF_8);
    return head.contains("\"poses\"") || head.contains("\"frames\"");
  }

  /**
   * Reads an mjcf-check report (its {@code poses} object) or the poses object alone.
   *
   * @throws IllegalArgumentException naming what is wrong when it is not one
   */
  public static PoseTrack parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "poses: not valid JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("poses: cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("poses: expected a JSON object");
    }
    JsonNode p = root.has("poses") ? root.get("poses") : root;
    if (!p.isObject() || !p.has("bodies") || !p.has("frames")) {
      throw new IllegalArgumentException(
          "poses: no body poses in this report (run mjcf-check with --poses-every K)");
    }
    List<String> bodies = new ArrayList<>();
    for (JsonNode b : array(p, "bodies")) {
      bodies.add(b.asText());
    }
    List<Frame> frames = new ArrayList<>();
    int i = 0;
    for (JsonNode f : array(p, "frames")) {
      String where = "poses: frames[" + i++ + "]";
      JsonNode pos = f.get("pos");
      JsonNode quat = f.get("quat");
      if (pos == null || quat == null || !pos.isArray() || !quat.isArray()) {
        throw new IllegalArgumentException(where + ": needs pos and quat lists");
      }
      if (pos.size() != bodies.size() || quat.size() != bodies.size()) {
        throw new IllegalArgumentException(
            where + ": has " + pos.size() + " positions for " + bodies.size() + " bodies");
      }
      List<Pose> poses = new ArrayList<>();
      for (int b = 0; b < bodies.size(); b++) {
        double[] x = numbers(pos.get(b), 3, where);
        double[] q = numbers(quat.get(b), 4, where);
        poses.add(x == null || q == null ? null : Pose.of(x, q));
      }
      frames.add(new Frame(f.path("t").asDouble(Double.NaN), poses));
    }
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("poses: no frames recorded");
    }
    return new PoseTrack(
        p.path("every").asLong(0), p.path("truncated").asBoolean(false), bodies, frames);
  }

  /** The index of the last frame at or before time {@code t} (0 before the first). */
  public int frameAt(double t) {
    int lo = 0;
    int hi = frames.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (frames.get(mid).t() <= t) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The time of the last frame. */
  public double duration() {
    return frames.get(frames.size() - 1).t();
  }

  private static JsonNode array(JsonNode p, String field) {
    JsonNode a = p.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("poses: " + field + " must be a list");
    }
    return a;
  }

  /** Null when a value is null (NaN in the simulation). */
  private static double[] numbers(JsonNode n, int count, String where) {
    if (n == null || !n.isArray() || n.size() != count) {
      throw new IllegalArgumentException(where + ": expected " + count + " numbers, got " + n);
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      if (n.get(i).isNull()) {
        return null;
      }
      if (!n.get(i).isNumber()) {
        throw new IllegalArgumentException(where + ": '" + n.get(i) + "' is not a number");
      }
      out[i] = n.get(i).asDouble();
    }
    return out;
  }
}
