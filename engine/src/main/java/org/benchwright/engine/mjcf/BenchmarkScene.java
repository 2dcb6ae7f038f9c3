package org.benchwright.engine.mjcf;

import java.util.List;
import java.util.Objects;

/**
 * What a benchmark generator states about one seed's scene, read from the {@code benchmark.json} it
 * writes next to {@code scene.xml}: the moved object, the zones (axis-aligned boxes in world
 * coordinates, metres), the constraints and what the seed randomised. The format is documented in
 * {@code docs/benchmark-format.md} and in this package's documentation.
 */
public record BenchmarkScene(
    long seed,
    MovedObject movedObject,
    Box goalZone,
    List<Zone> forbidZones,
    Box buildZone,
    Constraints constraints,
    Randomization randomization) {

  /**
   * Caps absent from benchmark.json are this multiple of the planner's estimate (docs/domain.md).
   */
  public static final double DEFAULT_CAP_FACTOR = 1.5;

  public BenchmarkScene {
    Objects.requireNonNull(movedObject, "movedObject");
    Objects.requireNonNull(goalZone, "goalZone");
    forbidZones = List.copyOf(forbidZones);
    Objects.requireNonNull(buildZone, "buildZone");
    Objects.requireNonNull(constraints, "constraints");
    Objects.requireNonNull(randomization, "randomization");
  }

  /** Reads benchmark.json, filling absent caps with 1.5 × the estimates. */
  public static BenchmarkScene parse(byte[] json) {
    return parse(json, DEFAULT_CAP_FACTOR);
  }

  /**
   * Reads benchmark.json, filling absent caps with {@code capFactor} × the estimates (the factor is
   * a project setting).
   *
   * @throws BenchmarkFormatException naming the field when the JSON is bad, a field is missing or
   *     unknown, has the wrong type or length, or a zone's min exceeds its max
   */
  public static BenchmarkScene parse(byte[] json, double capFactor) {
    return SceneJson.read(json, capFactor);
  }

  /** The scene as benchmark.json, caps included (so a stored copy needs no defaults). */
  public String toJson() {
    return SceneJson.write(this);
  }

  /** A point or extent in world coordinates, metres. */
  public record Vec3(double x, double y, double z) {
    double get(int axis) {
      return switch (axis) {
        case 0 -> x;
        case 1 -> y;
        case 2 -> z;
        default -> throw new IndexOutOfBoundsException(axis);
      };
    }

    Vec3 plus(Vec3 o) {
      return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 minus(Vec3 o) {
      return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    Vec3 plus(double d) {
      return new Vec3(x + d, y + d, z + d);
    }

    @Override
    public String toString() {
      return "[" + x + ", " + y + ", " + z + "]";
    }
  }

  /** An axis-aligned box, min ≤ max on every axis; it includes its faces. */
  public record Box(Vec3 min, Vec3 max) {
    public Box {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
    }

    /**
     * Whether the two boxes share any point, faces included: touching a forbid zone already counts
     * as contact, and a point on the goal's face is in the goal.
     */
    public boolean touches(Box o) {
      for (int axis = 0; axis < 3; axis++) {
        if (min.get(axis) > o.max.get(axis) || o.min.get(axis) > max.get(axis)) {
          return false;
        }
      }
      return true;
    }

    Box grow(Vec3 by) {
      return new Box(min.minus(by), max.plus(by));
    }

    Box grow(double by) {
      return new Box(min.plus(-by), max.plus(by));
    }

    @Override
    public String toString() {
      return "min " + min + " max " + max;
    }
  }

  /** A named forbid zone. */
  public record Zone(String name, Box box) {}

  /** Shapes a moved object may have; sizes follow MuJoCo's geom size for the same type. */
  public enum Shape {
    /** size: [radius] */
    SPHERE(1),
    /** size: [half x, half y, half z] */
    BOX(3),
    /** size: [radius, half length] */
    CAPSULE(2),
    /** size: [radius, half length] */
    CYLINDER(2),
    /** size: [radius x, radius y, radius z] */
    ELLIPSOID(3),
    /** size: [radius of a sphere about the body origin that holds the mesh] */
    MESH(1);

    final int sizeCount;

    Shape(int sizeCount) {
      this.sizeCount = sizeCount;
    }
  }

  /**
   * The payload: the body of the MJCF that must reach the goal, its geometry (centred on the body
   * origin), material, start position (the body position) and the ± jitter applied per run.
   */
  public record MovedObject(
      String body, Shape shape, List<Double> size, String material, Vec3 start, Vec3 jitter) {
    public MovedObject {
      size = List.copyOf(size);
    }

    /** The radius of a sphere about the body origin holding the object in any orientation. */
    public double boundingRadius() {
      double a = size.get(0);
      return switch (shape) {
        case SPHERE, MESH -> a;
        case BOX -> Math.sqrt(a * a + size.get(1) * size.get(1) + size.get(2) * size.get(2));
        case CAPSULE -> a + size.get(1);
        case CYLINDER -> Math.hypot(a, size.get(1));
        case ELLIPSOID -> Math.max(a, Math.max(size.get(1), size.get(2)));
      };
    }

    /** Every point the object can occupy at the start of any run: start ± jitter ± radius. */
    public Box startRegion() {
      return new Box(start, start).grow(jitter).grow(boundingRadius());
    }
  }

  /**
   * Per-unit caps, the target quantity and the planner's estimate for its expected solution. Caps
   * are always present here: absent ones were filled in from the estimates when parsing.
   */
  public record Constraints(
      double maxUnitCost,
      double maxWeightKg,
      long targetQuantity,
      double estimatedCost,
      double estimatedWeightKg) {}

  /** What this seed changed: scene scale per axis, the zones' inward shift, the material. */
  public record Randomization(Vec3 scale, double zoneShift, String material) {}
}
