package org.benchwright.engine.mjcf;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MJCF scene as a viewer needs it, with MuJoCo's defaults, classes, includes, angle units and
 * alternative orientations already resolved: bodies with their world poses, the geoms to draw (pose
 * relative to their body, MuJoCo's size semantics, colour), the benchmark zones, the mesh files the
 * geoms use, and what the scene holds that is not drawn.
 *
 * @param source the main scene file, relative to its folder or run
 * @param bodies every body in MuJoCo's numbering: index 0 is the world, then depth-first document
 *     order (the order mjcf-check reports poses in)
 * @param geoms the geoms to draw, zone markers excluded
 * @param zones the zone markers ({@code zone_*} geoms and sites, geoms of {@code zone_*} bodies)
 * @param meshes the mesh assets drawn geoms refer to, by name
 * @param notDrawn what the scene holds that is not drawn, one entry per kind (e.g. "light ×2")
 * @param warnings things that were drawn differently from MuJoCo or skipped (unknown class, missing
 *     mesh asset)
 * @param flexes deformable flexes, vertices in world coordinates (only MuJoCo's compiled scenes
 *     have them: the loader lists flexcomp as not drawn)
 * @param hfields height fields that geoms of type HFIELD draw, by name
 * @param compiledBy who resolved the scene: null for Benchwright's own reader ({@link MjcfLoader}),
 *     else the compiler, e.g. "MuJoCo 3.14.0" ({@link CompiledScene}); a compiled scene numbers its
 *     bodies exactly as MuJoCo does
 */
public record SceneModel(
    String source,
    List<Body> bodies,
    List<Geom> geoms,
    List<Zone> zones,
    List<MeshAsset> meshes,
    List<String> notDrawn,
    List<String> warnings,
    List<Flex> flexes,
    List<HField> hfields,
    String compiledBy) {

  public SceneModel {
    Objects.requireNonNull(source, "source");
    bodies = List.copyOf(bodies);
    geoms = List.copyOf(geoms);
    zones = List.copyOf(zones);
    meshes = List.copyOf(meshes);
    notDrawn = List.copyOf(notDrawn);
    warnings = List.copyOf(warnings);
    flexes = List.copyOf(flexes);
    hfields = List.copyOf(hfields);
  }

  /** A scene read by Benchwright's own reader: no flexes, no height fields. */
  public SceneModel(
      String source,
      List<Body> bodies,
      List<Geom> geoms,
      List<Zone> zones,
      List<MeshAsset> meshes,
      List<String> notDrawn,
      List<String> warnings) {
    this(source, bodies, geoms, zones, meshes, notDrawn, warnings, List.of(), List.of(), null);
  }

  /** The same scene with other zones (a benchmark's, from its benchmark.json). */
  public SceneModel withZones(List<Zone> newZones) {
    return new SceneModel(
        source, bodies, geoms, newZones, meshes, notDrawn, warnings, flexes, hfields, compiledBy);
  }

  /** The height field with this name, or null. */
  public HField hfield(String name) {
    return hfields.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
  }

  /** The body with this index (0 is the world). */
  public Body body(int index) {
    return bodies.get(index);
  }

  /** The mesh asset with this name, or null. */
  public MeshAsset mesh(String name) {
    return meshes.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }

  /** The world pose of a geom or zone placed at {@code local} in body {@code body}. */
  public Pose worldPose(int body, Pose local) {
    return bodies.get(body).world().then(local);
  }

  /** The geom types that are drawn. */
  public enum GeomType {
    PLANE,
    SPHERE,
    CAPSULE,
    ELLIPSOID,
    CYLINDER,
    BOX,
    MESH,
    HFIELD;

    /** The type for MJCF's {@code type} attribute, or null when it is one not drawn (sdf). */
    static GeomType of(String mjcf) {
      for (GeomType t : values()) {
        if (t.name().toLowerCase(Locale.ROOT).equals(mjcf)) {
          return t;
        }
      }
      return null;
    }
  }

  /** Kinds of benchmark zone. */
  public enum ZoneKind {
    GOAL,
    FORBID,
    BUILD;

    /**
     * The kind a {@code zone_} name stands for: names containing "goal" are the goal, "build" the
     * build zone, any other {@code zone_*} a forbid zone (forbid zones carry their own names, e.g.
     * {@code zone_pit}).
     */
    public static ZoneKind ofName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.contains("goal")) {
        return GOAL;
      }
      if (n.contains("build")) {
        return BUILD;
      }
      return FORBID;
    }
  }

  /** An RGBA colour, components 0..1. */
  public record Rgba(double r, double g, double b, double a) {
    public static final Rgba MUJOCO_DEFAULT = new Rgba(0.5, 0.5, 0.5, 1);
  }

  /** Three numbers: sizes, scales or half extents along x, y, z. */
  public record Vec3(double x, double y, double z) {}

  /**
   * A body; {@code parent} is -1 for the world. {@code world} is its pose at the model's initial
   * state (qpos0), which is what pose playback starts from.
   */
  public record Body(String name, int parent, Pose world) {
    /** The name, or how MuJoCo tools label an unnamed body ({@code body#ID}). */
    public String label(int index) {
      return name.isEmpty() ? "body#" + index : name;
    }
  }

  /**
   * A geom to draw. {@code size} follows MuJoCo with fromto already applied: plane (half x, half y,
   * grid spacing; 0 half sizes mean infinite), sphere (radius), capsule and cylinder (radius, half
   * length of the axis, along local z), ellipsoid (radii), box (half sizes), mesh (unused: the mesh
   * asset's vertices, scaled, are placed at {@code local}), hfield (unused: the height field's own
   * size). {@code mesh} names the mesh asset of a MESH geom or the height field of an HFIELD one.
   * {@code group} is MuJoCo's geom group: groups 3–5 hold collision geometry and are hidden, as
   * MuJoCo's viewer does. {@code line} is 0 when the geom comes from MuJoCo's compiled model.
   */
  public record Geom(
      String name,
      int body,
      GeomType type,
      Pose local,
      Vec3 size,
      Rgba rgba,
      String mesh,
      int line,
      int group) {

    /** A geom in group 0. */
    public Geom(
        String name,
        int body,
        GeomType type,
        Pose local,
        Vec3 size,
        Rgba rgba,
        String mesh,
        int line) {
      this(name, body, type, local, size, rgba, mesh, line, 0);
    }

    /** Whether MuJoCo's viewer shows it by default (groups 0–2, not fully transparent). */
    public boolean visibleByDefault() {
      return group < HIDDEN_GROUP && rgba.a() > 0;
    }

    /** A plane with a zero half size is infinite in MuJoCo; it does not count for fit-to-view. */
    public boolean infinitePlane() {
      return type == GeomType.PLANE && (size.x() <= 0 || size.y() <= 0);
    }
  }

  /** MuJoCo's viewer shows geom groups 0–2 by default; higher groups hold collision geometry. */
  public static final int HIDDEN_GROUP = 3;

  /**
   * A zone marker, drawn as a translucent box: {@code halfExtents} is the box's (for a non-box
   * marker, the half extents of its bounding box in its own frame).
   */
  public record Zone(String name, ZoneKind kind, int body, Pose local, Vec3 halfExtents) {}

  /**
   * A mesh asset: either a file to read (relative like {@link SceneModel#source}) and its scale, or
   * its vertices (x, y, z, ...) and triangles (i, j, k, ...) given inline ({@code file} null;
   * MJCF's {@code vertex}/{@code face} attributes, or every mesh of a compiled scene, in MuJoCo's
   * mesh frame with the scale applied).
   */
  public record MeshAsset(String name, String file, Vec3 scale, float[] vertices, int[] faces) {

    public MeshAsset(String name, String file, Vec3 scale) {
      this(name, file, scale, null, null);
    }

    /** Inline vertices and faces, already scaled. */
    public static MeshAsset inline(String name, float[] vertices, int[] faces) {
      return new MeshAsset(name, null, new Vec3(1, 1, 1), vertices, faces);
    }

    public boolean isInline() {
      return vertices != null;
    }
  }

  /**
   * A flex (cloth, soft body, cable) as MuJoCo compiled it at qpos0: vertices in world coordinates,
   * elements of {@code dim + 1} vertex indices each (segments, triangles or tetrahedra).
   */
  public record Flex(
      String name, int dim, Rgba rgba, double radius, float[] vertices, int[] elements) {}

  /**
   * A height field: {@code nrow × ncol} elevations in 0..1, row-major, row 0 at −y; {@code size} is
   * MuJoCo's (radius x, radius y, elevation z, base z).
   */
  public record HField(String name, int nrow, int ncol, double[] size, float[] data) {}
}
