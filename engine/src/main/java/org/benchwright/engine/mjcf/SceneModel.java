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
 */
public record SceneModel(
    String source,
    List<Body> bodies,
    List<Geom> geoms,
    List<Zone> zones,
    List<MeshAsset> meshes,
    List<String> notDrawn,
    List<String> warnings) {

  public SceneModel {
    Objects.requireNonNull(source, "source");
    bodies = List.copyOf(bodies);
    geoms = List.copyOf(geoms);
    zones = List.copyOf(zones);
    meshes = List.copyOf(meshes);
    notDrawn = List.copyOf(notDrawn);
    warnings = List.copyOf(warnings);
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
    MESH;

    /**
     * The type for MJCF's {@code type} attribute, or null when it is one not drawn (hfield, sdf).
     */
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
   * asset's vertices, scaled, are placed at {@code local}).
   */
  public record Geom(
      String name,
      int body,
      GeomType type,
      Pose local,
      Vec3 size,
      Rgba rgba,
      String mesh,
      int line) {}

  /**
   * A zone marker, drawn as a translucent box: {@code halfExtents} is the box's (for a non-box
   * marker, the half extents of its bounding box in its own frame).
   */
  public record Zone(String name, ZoneKind kind, int body, Pose local, Vec3 halfExtents) {}

  /** A mesh asset: the file to read (relative like {@link SceneModel#source}) and its scale. */
  public record MeshAsset(String name, String file, Vec3 scale) {}
}
